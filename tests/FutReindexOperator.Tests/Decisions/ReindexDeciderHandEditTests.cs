using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Decisions;

/// <summary>Statuses edited by hand, and deadlines that pass at the worst moment (the hostile pass over issue 15): nothing is sent twice unflagged, no job id is lost.</summary>
public sealed class ReindexDeciderHandEditTests
{
    /// <summary>
    /// Found by the hostile pass: with status.submission and status.jobId removed from a Running job, the run counted as
    /// Waiting and the job was POSTed again, unflagged, and the first server job was no longer followed.
    /// </summary>
    [TestCase(ReindexPhase.Running)]
    [TestCase(ReindexPhase.Pending)]
    [TestCase(ReindexPhase.Stalled)]
    public void Decide_RunThatBeganButWhoseMarkerWasRemovedByHand_EndsFailedNamingTheFieldAndSendsNothing(ReindexPhase phase)
    {
        var job = Job(Tracking() with { Phase = phase, Submission = null, JobId = null, PollPath = null });

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.Next.Should().Be(new ReindexStep.Done());
        decision.Actions.Should().NotContain(action => action is ReindexAction.WriteSubmissionMarker);
        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Failed);
        status.Message.Should().Contain("status.submission is empty").And.Contain("changed by hand").And.Contain(ReindexJob.RerunAnnotation);
        status.Conditions.Should().Contain(c => c.Type == ReindexConditions.Failed && c.Reason == ConditionReasons.InvalidStatus);
        decision.Events().Should().ContainSingle(e => e.Type == EventSeverity.Warning && e.Reason == EventReasons.InvalidStatus);
    }

    [Test]
    public void Decide_RerunOfARunWhoseMarkerWasRemovedByHand_StartsTheNewRun()
    {
        var job = Job(Tracking() with { Submission = null, JobId = null, PollPath = null }, rerun: "again");

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.Next.Should().BeOfType<ReindexStep.Submit>();
        decision.WrittenStatuses().Last().LastHandledRerun.Should().Be("again");
    }

    /// <summary>Found by the hostile pass: a startTime edited years ahead kept the deadline from ever passing, so a hung server job was polled for good.</summary>
    [Test]
    public void Decide_StartTimeEditedFarIntoTheFuture_EndsFailedNamingTheField()
    {
        var job = Job(Tracking() with { StartTime = T0.AddYears(5) });

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.Next.Should().Be(new ReindexStep.Done());
        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Failed);
        status.Message.Should().Contain("status.startTime").And.Contain("in the future");
        status.Conditions.Should().Contain(c => c.Type == ReindexConditions.Failed && c.Reason == ConditionReasons.InvalidStatus);
    }

    [Test]
    public void Decide_StartTimeAheadByAClockSkew_KeepsPolling()
    {
        var job = Job(Tracking() with { StartTime = T0.AddMinutes(2) });

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.Next.Should().BeOfType<ReindexStep.Poll>();
    }

    /// <summary>
    /// Found by the hostile pass (a deadline already past at creation): the deadline guard ended the run on the POST's
    /// answer before it was recorded, so the server's job id was lost and the message did not say a job may still run.
    /// </summary>
    [Test]
    public void Decide_DeadlinePassedWhileThePostWasUnderWay_RecordsTheJobIdThenFailsNamingIt()
    {
        var job = Job(Sending() with { StartTime = T0.AddMinutes(-2) }, spec: spec => spec.Polling.Deadline = TimeSpan.FromMinutes(1));

        var answered = ReindexDecider.Decide(job, Observe(submission: new SubmitOutcome.Accepted(JobId, Trackable: true, "")), T0, Policy);
        var next = ReindexDecider.Decide(Job(answered.WrittenStatus(), spec: spec => spec.Polling.Deadline = TimeSpan.FromMinutes(1)), Observe(), T0, Policy);

        answered.Actions.Should().ContainSingle(action => action is ReindexAction.RecordJobId).Which.As<ReindexAction.RecordJobId>().Status.JobId.Should().Be(JobId);
        var failed = next.WrittenStatus();
        failed.Phase.Should().Be(ReindexPhase.Failed);
        failed.JobId.Should().Be(JobId);
        failed.Message.Should().Contain("deadline").And.Contain($"job {JobId} may still run on the server");
    }

    [Test]
    public void Decide_DeadlinePassedWhileAPollWasUnderWay_KeepsTheServersSuccess()
    {
        var job = Job(Tracking(), spec: spec => spec.Polling.Deadline = TimeSpan.FromMinutes(5));

        var decision = ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Succeeded(new ReindexReport { ResourcesChanged = 3 })), T0, Policy);

        decision.WrittenStatus().Phase.Should().Be(ReindexPhase.Succeeded);
    }
}
