using FutReindexOperator.Auth;
using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Decisions;

/// <summary>
/// A run Stalled by a refusal (target, token, permission, credentials) shows Stalled until an attempt is accepted or the
/// run ends: its retries write the marker before the POST and the outcome after it, as every submission does, but a
/// refusal again moves neither the phase nor the Ready, Reconciling and Stalled conditions, and announces nothing new.
/// </summary>
public sealed class ReindexDeciderStalledRetryTests
{
    private static readonly string[] ShownConditions = [ReindexConditions.Ready, ReindexConditions.Reconciling, ReindexConditions.Stalled];

    private ReindexJob _job = null!;
    private DateTimeOffset _now;

    [SetUp]
    public void SetUp()
    {
        _job = Job();
        _now = T0;
    }

    public static IEnumerable<TestCaseData> Refusals()
    {
        yield return new TestCaseData(ConditionReasons.Unauthorized).SetArgDisplayNames(ConditionReasons.Unauthorized);
        yield return new TestCaseData(ConditionReasons.Forbidden).SetArgDisplayNames(ConditionReasons.Forbidden);
        yield return new TestCaseData(ConditionReasons.CredentialsRefused).SetArgDisplayNames(ConditionReasons.CredentialsRefused);
        yield return new TestCaseData(ConditionReasons.TargetRefused).SetArgDisplayNames(ConditionReasons.TargetRefused);
    }

    public static IEnumerable<TestCaseData> ServerRefusals() => Refusals().Where(refusal => (string)refusal.Arguments[0]! != ConditionReasons.TargetRefused);

    [TestCaseSource(nameof(Refusals))]
    public void RetryOfARefusedRun_WritesTheMarkerWithoutLeavingStalled(string reason)
    {
        var stalled = StallBy(reason);

        var retry = Decide(Observe());

        var marker = retry.Actions.Should().ContainSingle(action => action is ReindexAction.WriteSubmissionMarker).Which.As<ReindexAction.WriteSubmissionMarker>().Status;
        marker.Submission!.State.Should().Be(SubmissionState.Sending);
        marker.Submission.Attempt.Should().Be((stalled.Submission?.Attempt ?? 0) + 1);
        marker.Phase.Should().Be(ReindexPhase.Stalled);
        Shown(marker).Should().Equal(Shown(stalled));
        marker.Message.Should().Contain($"attempt {marker.Submission.Attempt}").And.Contain(reason);
        retry.Next.Should().BeOfType<ReindexStep.Submit>();
        retry.Transitions.Should().Equal(new RunTransition(RunState.Stalled, RunState.Submitting));
        retry.Events().Should().BeEmpty();
    }

    [TestCaseSource(nameof(ServerRefusals))]
    public void RetryOfARefusedRun_RefusedAgain_KeepsThePhaseAndTheConditionsTransitionTimes(string reason)
    {
        var stalled = StallBy(reason);
        Decide(Observe());

        var refused = Decide(Observe(submission: Refusal(reason)));

        var status = refused.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Stalled);
        status.Submission!.State.Should().Be(SubmissionState.NotSent);
        Shown(status).Should().Equal(Shown(stalled));
        status.Conditions.Single(condition => condition.Type == ReindexConditions.Stalled).Reason.Should().Be(reason);
        refused.Transitions.Should().Equal(new RunTransition(RunState.Submitting, RunState.Stalled));
    }

    [TestCaseSource(nameof(ServerRefusals))]
    public void RetryOfARefusedRun_RefusedAgainForTheSameReason_EmitsNoEvent(string reason)
    {
        StallBy(reason);
        Decide(Observe());

        var refused = Decide(Observe(submission: Refusal(reason)));

        refused.Events().Should().BeEmpty();
    }

    [TestCaseSource(nameof(ServerRefusals))]
    public void RetryOfARefusedRun_RefusedOnEveryAttempt_BacksOffWithoutEverLeavingStalled(string reason)
    {
        var stalled = StallBy(reason);
        var shown = new List<ReindexJobStatus>();

        for (var attempt = 0; attempt < 4; attempt++)
        {
            _now = _job.Status!.NextAttemptTime ?? _now;
            shown.Add(Decide(Observe()).WrittenStatus());
            shown.Add(Decide(Observe(submission: Refusal(reason))).WrittenStatus());
        }

        shown.Should().OnlyContain(status => status.Phase == ReindexPhase.Stalled);
        shown.Select(Shown).Should().AllSatisfy(conditions => conditions.Should().Equal(Shown(stalled)));
        shown.Select(status => status.Submission!.Attempt).Distinct().Should().HaveCount(4);
        (_job.Status!.NextAttemptTime!.Value - _now).Should().BeGreaterThan(stalled.NextAttemptTime!.Value - T0);
    }

    [Test]
    public void RetryOfARunWhoseTargetWasRefused_RefusedByTheServer_StaysStalledWithTheServersReason()
    {
        var stalled = StallBy(ConditionReasons.TargetRefused);
        Decide(Observe());

        var refused = Decide(Observe(submission: new SubmitOutcome.Forbidden("RBAC: access denied")));

        var status = refused.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Stalled);
        Shown(status).Should().Equal(Shown(stalled));
        status.Conditions.Single(condition => condition.Type == ReindexConditions.Stalled).Reason.Should().Be(ConditionReasons.Forbidden);
        refused.Events().Should().ContainSingle(e => e.Reason == EventReasons.Forbidden, "a new cause is announced once");
    }

    [Test]
    public void RunWhoseTargetIsRefused_RefusedAgain_WritesNothing()
    {
        StallBy(ConditionReasons.TargetRefused);

        var refused = Decide(Observe(target: new TargetObservation.Refused("Service fut/organization is of type ExternalName, which is refused")));

        refused.WrittenStatuses().Should().BeEmpty();
        refused.Events().Should().BeEmpty();
    }

    [TestCaseSource(nameof(Refusals))]
    public void RetryOfARefusedRun_Accepted_IsQueuedWithOneSubmittedEvent(string reason)
    {
        StallBy(reason);
        Decide(Observe());

        var accepted = Decide(Observe(submission: new SubmitOutcome.Accepted(JobId, true, "$reindex job has been accepted.")));

        var status = accepted.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Queued);
        status.JobId.Should().Be(JobId);
        status.Condition(ReindexConditions.Stalled).Should().Be("False");
        status.Condition(ReindexConditions.Reconciling).Should().Be("True");
        status.Retry.Should().BeNull();
        accepted.Events().Should().ContainSingle().Which.Reason.Should().Be(EventReasons.Submitted);
    }

    [TestCaseSource(nameof(ServerRefusals))]
    public void RetryOfARefusedRun_NotSent_StaysStalledAndRetriesSoon(string reason)
    {
        var stalled = StallBy(reason);
        Decide(Observe());

        var notSent = Decide(Observe(submission: new SubmitOutcome.NotSent("could not connect: Connection refused")));

        var status = notSent.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Stalled);
        Shown(status).Should().Equal(Shown(stalled));
        status.Message.Should().Contain("Connection refused").And.Contain(reason);
        notSent.Next.Should().BeOfType<ReindexStep.Wait>().Which.Delay.Should().BeLessThan(Policy.RefusedRetryBase, "a failure that sent nothing is retried on the transient backoff");
    }

    [Test]
    public void RetryOfARefusedRun_TokenRefusedOnce_StaysStalledWhileTheTokenIsRenewed()
    {
        var stalled = StallBy(ConditionReasons.Forbidden);
        Decide(Observe());

        var renewing = Decide(Observe(submission: new SubmitOutcome.Unauthorized("Authorization is required")));

        var status = renewing.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Stalled);
        Shown(status).Should().Equal(Shown(stalled));
        renewing.Actions.Should().ContainSingle(action => action is ReindexAction.InvalidateToken);
        renewing.Next.Should().Be(new ReindexStep.Wait(TimeSpan.Zero));
    }

    [Test]
    public void RetryOfARefusedRun_MaybeSent_StaysStalledAndResubmitsWithTheRiskRecorded()
    {
        var stalled = StallBy(ConditionReasons.Forbidden);
        Decide(Observe());
        var maybeSent = Decide(Observe(submission: new SubmitOutcome.MaybeSent("HTTP 504 after the request was sent: upstream request timeout")));
        _now = _job.Status!.NextAttemptTime!.Value;

        var resubmit = Decide(Observe());

        maybeSent.WrittenStatus().Phase.Should().Be(ReindexPhase.Stalled);
        var marker = resubmit.Actions.OfType<ReindexAction.WriteSubmissionMarker>().Single().Status;
        marker.Phase.Should().Be(ReindexPhase.Stalled);
        marker.Submission!.DuplicatePossible.Should().BeTrue();
        new[] { maybeSent.WrittenStatus(), marker }.Select(Shown).Should().AllSatisfy(conditions => conditions.Should().Equal(Shown(stalled)));
        resubmit.Next.Should().BeOfType<ReindexStep.Submit>();
    }

    [Test]
    public void RetryOfARefusedRun_DeadlinePassed_EndsFailed()
    {
        StallBy(ConditionReasons.Forbidden);
        Decide(Observe());
        var sent = _job.Status!;
        _now = sent.StartTime!.Value + new PollingDefaults().Deadline;

        var ended = Decide(Observe(submission: new SubmitOutcome.Forbidden("RBAC: access denied")));
        var afterwards = Decide(Observe());

        ended.WrittenStatus().Phase.Should().Be(ReindexPhase.Stalled);
        afterwards.WrittenStatus().Phase.Should().Be(ReindexPhase.Failed);
        afterwards.WrittenStatus().Condition(ReindexConditions.Failed).Should().Be("True");
    }

    [Test]
    public void Rerun_WhileARefusedRunsRetryMayHaveReachedTheServer_WaitsForTheRunToEnd()
    {
        StallBy(ConditionReasons.Forbidden);
        Decide(Observe());
        var sending = _job.Status!;

        var rerun = ReindexDecider.Decide(Job(sending, rerun: "again"), Observe(), _now, Policy);

        rerun.Transitions.Should().NotContain(transition => transition.To == RunState.NotStarted);
        rerun.WrittenStatus().Message.Should().Contain("Rerun 'again' starts when this run ends");
        rerun.WrittenStatus().LastHandledRerun.Should().Be(sending.LastHandledRerun);
    }

    [Test]
    public void Rerun_OfARefusedRunBetweenAttempts_StartsAtOnce()
    {
        var stalled = StallBy(ConditionReasons.Forbidden);

        var rerun = ReindexDecider.Decide(Job(stalled, rerun: "again"), Observe(), _now, Policy);

        rerun.Transitions.Should().Contain(new RunTransition(RunState.Stalled, RunState.NotStarted));
        rerun.Events().Should().Contain(e => e.Reason == EventReasons.RerunStarted);
    }

    /// <summary>Runs the job from its first decision until it is Stalled by <paramref name="reason"/>; the clock then stands at its retry.</summary>
    private ReindexJobStatus StallBy(string reason)
    {
        if (reason == ConditionReasons.TargetRefused)
        {
            Decide(Observe(target: new TargetObservation.Refused("Service fut/organization is of type ExternalName, which is refused")));
        }
        else
        {
            Decide(Observe());
            if (reason == ConditionReasons.Unauthorized)
            {
                Decide(Observe(submission: Refusal(reason))).Next.Should().Be(new ReindexStep.Wait(TimeSpan.Zero), "the first 401 renews the token");
                Decide(Observe());
            }

            Decide(Observe(submission: Refusal(reason)));
        }

        var stalled = _job.Status!;
        stalled.Phase.Should().Be(ReindexPhase.Stalled);
        stalled.Conditions.Single(condition => condition.Type == ReindexConditions.Stalled).Reason.Should().Be(reason);
        _now = stalled.NextAttemptTime ?? _now + Policy.RefusedRetryCap;
        return stalled;
    }

    /// <summary>Decides on the job as it stands and takes the status the decision wrote, as the shell does.</summary>
    private ReindexDecision Decide(ReindexObservation observation)
    {
        var decision = ReindexDecider.Decide(_job, observation, _now, Policy);
        if (decision.WrittenStatuses().LastOrDefault() is { } written)
        {
            _job = Job(written);
        }

        return decision;
    }

    private static SubmitOutcome Refusal(string reason) => reason switch
    {
        ConditionReasons.Unauthorized => new SubmitOutcome.Unauthorized("Authorization is required"),
        ConditionReasons.Forbidden => new SubmitOutcome.Forbidden("RBAC: access denied"),
        ConditionReasons.CredentialsRefused => new SubmitOutcome.CredentialsUnavailable(new CredentialFailure(CredentialProblem.Refused, "the token endpoint refused the credentials: invalid_grant")),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a refusal the server answers."),
    };

    /// <summary>What a watcher of the job's health sees: the status and last transition of Ready, Reconciling and Stalled.</summary>
    private static IReadOnlyList<(string Type, string Status, DateTime? Since)> Shown(ReindexJobStatus status)
        => [.. ShownConditions.Select(type => status.Conditions.Single(condition => condition.Type == type)).Select(condition => (condition.Type, condition.Status, condition.LastTransitionTime))];
}
