using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Decisions;

/// <summary>I9: a rerun requested at any moment starts exactly once, right after the current run ends.</summary>
public sealed class ReindexDeciderRerunTests
{
    [Test]
    public void Decide_RunEndsWhileARerunWaits_WritesTheEndThenStartsTheRerunAtOnce()
    {
        var job = Job(Tracking() with { LastHandledRerun = "a" }, rerun: "b");

        var decision = ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Succeeded(new ReindexReport())), T0, Policy);

        var written = decision.WrittenStatuses().ToList();
        written.Should().HaveCount(2);
        written[0].Phase.Should().Be(ReindexPhase.Succeeded);
        written[1].Should().Match<ReindexJobStatus>(status => status.Phase == ReindexPhase.Submitting && status.LastHandledRerun == "b");
        decision.Actions.OfType<ReindexAction.WriteSubmissionMarker>().Should().ContainSingle().Which.Status.Should().Be(written[1]);
        decision.Events().Select(e => e.Reason).Should().Equal(EventReasons.Succeeded, EventReasons.RerunStarted);
        decision.Next.Should().BeOfType<ReindexStep.Submit>();
    }

    [Test]
    public void Decide_RunEndedWithoutARerunWaiting_IsDone()
    {
        var job = Job(Tracking() with { LastHandledRerun = "a" }, rerun: "a");

        var decision = ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Succeeded(new ReindexReport())), T0, Policy);

        decision.Next.Should().Be(new ReindexStep.Done());
    }

    [Test]
    public void Decide_RerunRequestedDuringARun_StartsExactlyOnceAfterTheRunEnds()
    {
        var job = Job(Tracking() with { LastHandledRerun = "a" }, rerun: "b");
        var decisions = new List<ReindexDecision>();

        // While the run goes on, the rerun only waits.
        decisions.Add(ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Progress(ServerJobState.InProgress, "in progress")), T0, Policy));
        job = Job(decisions[^1].WrittenStatus(), rerun: "b");
        job.Status!.Message.Should().Contain("Rerun 'b' starts when this run ends");

        // The run ends, and the same decision starts the rerun: it ends with the rerun's marker and its POST.
        decisions.Add(ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Succeeded(new ReindexReport())), T0.AddMinutes(1), Policy));
        job = Job(decisions[^1].WrittenStatuses().Last(), rerun: "b");
        decisions.Add(ReindexDecider.Decide(job, Observe(submission: new SubmitOutcome.Accepted("second-run", true, "")), T0.AddMinutes(1), Policy));
        job = Job(decisions[^1].WrittenStatus(), rerun: "b");
        decisions.Add(ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Succeeded(new ReindexReport())), T0.AddMinutes(2), Policy));

        decisions.SelectMany(decision => decision.Events()).Count(e => e.Reason == EventReasons.RerunStarted).Should().Be(1);
        decisions.Count(decision => decision.Next is ReindexStep.Submit).Should().Be(1);
        decisions[^1].Next.Should().Be(new ReindexStep.Done());
    }

    /// <summary>Issue 13 #9: a 300-character annotation made every status write fail (lastHandledRerun holds 256).</summary>
    [Test]
    public void Decide_RerunAnnotationLongerThanTheStatusHolds_RecordsItsHashAndSaysSo()
    {
        var token = new string('r', 300);

        var decision = ReindexDecider.Decide(Job(Tracking(ReindexPhase.Succeeded) with { CompletionTime = T0.AddMinutes(-1) }, rerun: token), Observe(), T0, Policy);

        var recorded = decision.WrittenStatus().LastHandledRerun;
        recorded.Should().StartWith("sha256:").And.HaveLength(71);
        decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.RerunStarted)
            .Which.Note.Should().Contain("has 300 characters, more than the 256").And.NotContain(token);
        decision.WrittenStatus().Message!.Length.Should().BeLessThan(200);
    }

    [Test]
    public void Decide_LongRerunAnnotationAlreadyHandled_StartsNothingAgain()
    {
        var token = new string('r', 300);
        var first = ReindexDecider.Decide(Job(Tracking(ReindexPhase.Succeeded) with { CompletionTime = T0.AddMinutes(-1) }, rerun: token), Observe(), T0, Policy);
        var started = Job(first.WrittenStatus(), rerun: token);

        var second = ReindexDecider.Decide(started, Observe(), T0.AddSeconds(1), Policy);

        second.Events().Should().NotContain(e => e.Reason == EventReasons.RerunStarted);
    }

    [Test]
    public void Decide_RerunAnnotationThatLooksLikeARecordedHash_IsRecordedAsAHashOfItself()
    {
        var lookalike = "sha256:" + new string('0', 64);
        var status = Tracking(ReindexPhase.Succeeded) with { CompletionTime = T0.AddMinutes(-1), LastHandledRerun = lookalike };

        var decision = ReindexDecider.Decide(Job(status, rerun: lookalike), Observe(), T0, Policy);

        decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.RerunStarted);
        decision.WrittenStatus().LastHandledRerun.Should().NotBe(lookalike);
    }
}
