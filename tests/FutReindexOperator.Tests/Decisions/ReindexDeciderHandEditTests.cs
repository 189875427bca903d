using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Decisions;

/// <summary>Statuses edited by hand in the middle of a run (the hostile pass over issue 15): nothing is sent twice unflagged.</summary>
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
}
