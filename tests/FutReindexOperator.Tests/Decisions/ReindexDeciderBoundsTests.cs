using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using k8s;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Decisions;

/// <summary>Schema-valid but extreme inputs (issue 13): the decision never throws, and every time and delay it sets is finite.</summary>
public sealed class ReindexDeciderBoundsTests
{
    [Test]
    public void Decide_DeadlineBeyondTheLongestTimeSpan_StallsAsInvalidSpecNamingTheFieldAndTheRange()
    {
        var job = Job(spec: spec => spec.Polling.Deadline = TimeSpan.MaxValue);

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Stalled);
        status.Message.Should().Contain("spec.polling.deadline: at most 8760h");
        decision.Actions.OfType<ReindexAction.SubmitReindex>().Should().BeEmpty();
    }

    [Test]
    public void Decide_HugePollIntervals_AreRefusedBeforeAnythingIsSent()
    {
        var job = Job(spec: spec => spec.Polling = new PollingSpec { FirstInterval = TimeSpan.FromHours(100_000_000), MaxInterval = TimeSpan.FromHours(100_000_000) });

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.WrittenStatus().Message.Should().Contain("spec.polling.firstInterval: at most 24h").And.Contain("spec.polling.maxInterval: at most 24h");
        decision.Actions.OfType<ReindexAction.SubmitReindex>().Should().BeEmpty();
    }

    /// <summary>Issue 13 #2: the POST was accepted, then now + interval overflowed and the job id was never recorded.</summary>
    [Test]
    public void Decide_AcceptedWhileTheSpecAsksForHugePollIntervals_RecordsTheJobIdAndPollsWithinTheLongestDelay()
    {
        var job = Job(Sending(), spec: spec => spec.Polling = new PollingSpec { FirstInterval = TimeSpan.FromHours(100_000_000), MaxInterval = TimeSpan.FromHours(100_000_000) });

        var decision = ReindexDecider.Decide(job, Observe(submission: new SubmitOutcome.Accepted(JobId, true, "")), T0, Policy);

        var status = decision.Actions[0].Should().BeOfType<ReindexAction.RecordJobId>().Subject.Status;
        status.JobId.Should().Be(JobId);
        status.NextAttemptTime.Should().BeOnOrBefore(T0 + Delays.Longest);
        decision.Requeue.Should().BeOfType<ReindexRequeue.After>().Which.Delay.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(Delays.Longest);
    }

    [Test]
    public void Decide_TrackingWithADeadlineBeyondTheLongestTimeSpan_PollsWithoutOverflow()
    {
        var job = Job(Tracking(nextPoll: T0.AddSeconds(30)), spec: spec => spec.Polling.Deadline = TimeSpan.MaxValue);

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.Requeue.Should().Be(new ReindexRequeue.After(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void Decide_StartTimeAtTheEndOfTime_DoesNotOverflow()
    {
        var job = Job(Tracking(nextPoll: T0.AddSeconds(30)) with { StartTime = DateTimeOffset.MaxValue.AddSeconds(-1) });

        var decide = () => ReindexDecider.Decide(job, Observe(poll: new PollOutcome.FailedOrErrored("boom")), T0, Policy);

        decide.Should().NotThrow();
    }

    [Test]
    public void Decide_NextAttemptFurtherAwayThanAnyDelay_PollsNowInsteadOfNever()
    {
        var job = Job(Tracking(nextPoll: new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.Actions.OfType<ReindexAction.PollStatus>().Should().ContainSingle();
    }

    [TestCase(" ")]
    [TestCase("a\nb")]
    public void Decide_AcceptedWithAJobIdThatCannotBeFollowed_EndsUntrackableInsteadOfThrowing(string jobId)
    {
        var decision = ReindexDecider.Decide(Job(Sending()), Observe(submission: new SubmitOutcome.Accepted(jobId, true, "")), T0, Policy);

        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Untrackable);
        status.JobId.Should().BeNull();
        status.Message.Should().Contain("cannot record or follow");
    }

    [Test]
    public void Decide_AcceptedWithAJobIdLongerThanTheStatusHolds_EndsUntrackableWithAStatusThatFitsTheSchema()
    {
        var decision = ReindexDecider.Decide(Job(Sending()), Observe(submission: new SubmitOutcome.Accepted(new string('x', 300), true, "")), T0, Policy);

        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Untrackable);
        status.JobId.Should().BeNull();
        status.Message!.Length.Should().BeLessThanOrEqualTo(ReindexJobStatus.MaxMessageLength);
    }

    [Test]
    public void Decide_AcceptedWithTheLongestJobId_WritesAPollPathWithinItsBound()
    {
        var jobId = new string('/', PollPaths.MaxJobIdLength);

        var decision = ReindexDecider.Decide(Job(Sending()), Observe(submission: new SubmitOutcome.Accepted(jobId, true, "")), T0, Policy);

        var status = decision.WrittenStatus();
        status.JobId.Should().Be(jobId);
        status.PollPath!.Length.Should().BeLessThanOrEqualTo(PollPaths.MaxLength);
    }

    [Test]
    public void Decide_JobReadFromJsonWithAnOverlongDeadline_IsReadAndRefusedNamingTheField()
    {
        var job = KubernetesJson.Deserialize<ReindexJob>("""
            {"apiVersion":"fhir.fut.dk/v1alpha1","kind":"ReindexJob","metadata":{"name":"j","namespace":"fut","generation":1},
             "spec":{"target":{"service":"organization"},"auth":{"none":{}},"polling":{"deadline":"9999999999h"}}}
            """);

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.WrittenStatus().Message.Should().Contain("spec.polling.deadline: at most 8760h");
    }
}
