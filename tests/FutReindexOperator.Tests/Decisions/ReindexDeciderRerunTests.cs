using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Decisions;

/// <summary>I9: a rerun requested at any moment starts exactly once, right after the current run ends.</summary>
public sealed class ReindexDeciderRerunTests
{
    [Test]
    public void Decide_RunEndsWhileARerunWaits_DecidesAgainAtOnceWithoutACall()
    {
        var job = Job(Tracking() with { LastHandledRerun = "a" }, rerun: "b");

        var decision = ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Succeeded(new ReindexReport())), T0, Policy);

        decision.WrittenStatus().Phase.Should().Be(ReindexPhase.Succeeded);
        decision.Requeue.Should().Be(new ReindexRequeue.DecideAgain());
        decision.Actions.Should().NotContain(action => action is ReindexAction.SubmitReindex || action is ReindexAction.PollStatus);
    }

    [Test]
    public void Decide_RunEndedWithoutARerunWaiting_IsDone()
    {
        var job = Job(Tracking() with { LastHandledRerun = "a" }, rerun: "a");

        var decision = ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Succeeded(new ReindexReport())), T0, Policy);

        decision.Requeue.Should().Be(new ReindexRequeue.Done());
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

        // The run ends; the shell decides again on the written status, then on the marker it wrote.
        decisions.Add(ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Succeeded(new ReindexReport())), T0.AddMinutes(1), Policy));
        job = Job(decisions[^1].WrittenStatus(), rerun: "b");
        decisions.Add(ReindexDecider.Decide(job, Observe(), T0.AddMinutes(1), Policy));
        job = Job(decisions[^1].WrittenStatus(), rerun: "b");
        decisions.Add(ReindexDecider.Decide(job, Observe(submission: new SubmitOutcome.Accepted("second-run", true, "")), T0.AddMinutes(1), Policy));
        job = Job(decisions[^1].WrittenStatus(), rerun: "b");
        decisions.Add(ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Succeeded(new ReindexReport())), T0.AddMinutes(2), Policy));

        decisions.SelectMany(decision => decision.Events()).Count(e => e.Reason == EventReasons.RerunStarted).Should().Be(1);
        decisions.SelectMany(decision => decision.Actions).OfType<ReindexAction.SubmitReindex>().Should().ContainSingle();
        decisions[^1].Requeue.Should().Be(new ReindexRequeue.Done());
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
