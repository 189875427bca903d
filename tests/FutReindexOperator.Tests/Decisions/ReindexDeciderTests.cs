using FutReindexOperator.Admission;
using FutReindexOperator.Auth;
using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Decisions;

public sealed class ReindexDeciderTests
{
    private static readonly PeerJob RunningPeer = new("fut/other", T0.AddHours(-1), HoldsSlot: true, IsWaiting: false);
    private static readonly PeerJob EarlierWaitingPeer = new("fut/earlier", T0.AddHours(-1), HoldsSlot: false, IsWaiting: true);
    private static readonly PeerJob LaterWaitingPeer = new("fut/later", T0, HoldsSlot: false, IsWaiting: true);
    private static readonly string WaitingMessage =
        $"waiting for a free slot on {Target}: at most 1 job runs there at once, and jobs created earlier go first";

    private static IEnumerable<TestCaseData> SubmissionCases()
    {
        yield return Case("Decide_NewJob_WritesMarkerThenSubmits", Job(), Observe(), T0, decision =>
        {
            decision.Actions.Should().ContainSingle();
            var marker = decision.Actions[0].Should().BeOfType<ReindexAction.WriteSubmissionMarker>().Subject.Status;
            marker.Phase.Should().Be(ReindexPhase.Submitting);
            marker.Submission.Should().Be(new SubmissionMarker { Attempt = 1, StartedAt = T0, State = SubmissionState.Sending });
            marker.StartTime.Should().Be(T0);
            marker.RunGeneration.Should().Be(1);
            decision.Next.Should().BeOfType<ReindexStep.Submit>().Which.Target.Should().Be(Target);
        });
        yield return Case("Decide_FirstReconcile_WritesReconcilingAndObservedGeneration", Job(generation: 4), Observe(), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.ObservedGeneration.Should().Be(4);
            status.Condition(ReindexConditions.Reconciling).Should().Be("True");
            status.Condition(ReindexConditions.Ready).Should().Be("False");
            status.Conditions.Should().OnlyContain(condition => condition.ObservedGeneration == 4);
        });
        yield return Case("Decide_InvalidSpec_StallsNamingTheField", Job(spec: spec => spec.Urls = ["Organization?", "Foo?"]), Observe(), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Stalled);
            status.Message.Should().Contain("spec.urls[1]");
            status.Condition(ReindexConditions.Stalled).Should().Be("True");
            decision.Events().Should().ContainSingle(e => e.Type == EventSeverity.Warning && e.Reason == EventReasons.InvalidSpec);
            decision.Next.Should().NotBeOfType<ReindexStep.Submit>();
            decision.Next.Should().Be(new ReindexStep.Done());
        });
        yield return Case("Decide_SubmittedAndAccepted_RecordsJobIdAndSchedulesTheFirstPoll", Job(Sending()),
            Observe(submission: new SubmitOutcome.Accepted(JobId, true, "$reindex job has been accepted.")), T0, decision =>
        {
            var status = decision.Actions[0].Should().BeOfType<ReindexAction.RecordJobId>().Subject.Status;
            status.JobId.Should().Be(JobId);
            status.PollPath.Should().Be($"$hapi.fhir.reindex-status?_jobId={JobId}");
            status.Phase.Should().Be(ReindexPhase.Queued);
            status.SubmittedAt.Should().Be(T0);
            status.Submission!.State.Should().Be(SubmissionState.Accepted);
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.Submitted && e.Note.Contains(JobId));
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(16.5)));
        });
        yield return Case("Decide_SubmittedToLegacyServer_EndsUntrackableWithTheJobId", Job(Sending()),
            Observe(submission: new SubmitOutcome.Accepted("403df237", false, "")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Untrackable);
            status.JobId.Should().Be("403df237");
            status.CompletionTime.Should().Be(T0);
            status.Message.Should().Contain("cannot be followed");
            status.Condition(ReindexConditions.Failed).Should().Be("True");
            decision.Next.Should().Be(new ReindexStep.Done());
        });
        yield return Case("Decide_SubmittedAndRejected400_FailsWithHapisDiagnostics", Job(Sending()),
            Observe(submission: new SubmitOutcome.Rejected(400, "HAPI-2039: Failed to validate parameters for job of type REINDEX: * Resource type Foo is not supported")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Failed);
            status.Message.Should().Contain("Resource type Foo is not supported");
            status.CompletionTime.Should().Be(T0);
            status.Condition(ReindexConditions.Failed).Should().Be("True");
            status.Condition(ReindexConditions.Complete).Should().Be("False");
            status.Condition(ReindexConditions.Stalled).Should().Be("True");
            decision.Events().Should().ContainSingle(e => e.Type == EventSeverity.Warning && e.Reason == EventReasons.Failed);
            decision.Next.Should().Be(new ReindexStep.Done());
        });
        yield return Case("Decide_SubmitNotSent_RetriesWithBackoffAndNoDuplicateRisk", Job(Sending()),
            Observe(submission: new SubmitOutcome.NotSent("could not connect: Connection refused")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Pending);
            status.Submission!.State.Should().Be(SubmissionState.NotSent);
            status.Submission.DuplicatePossible.Should().BeFalse();
            status.Retry!.Count.Should().Be(1);
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.Retrying);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(5.5)));
        });
        yield return Case("Decide_SubmitMaybeSent_ResubmitsLaterMarkingDuplicatePossible", Job(Sending()),
            Observe(submission: new SubmitOutcome.MaybeSent("HTTP 504 after the request was sent: upstream request timeout")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Submission!.State.Should().Be(SubmissionState.Sending);
            status.Submission.DuplicatePossible.Should().BeTrue();
            status.Message.Should().Contain("twice");
            decision.Next.Should().NotBeOfType<ReindexStep.Submit>();
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(5.5)));
        });
        yield return Case("Decide_MarkerWithoutJobIdAfterRestart_ResubmitsWithAWarning", Job(Sending()), Observe(), T0, decision =>
        {
            var marker = decision.Actions[0].Should().BeOfType<ReindexAction.WriteSubmissionMarker>().Subject.Status.Submission!;
            marker.Attempt.Should().Be(2);
            marker.DuplicatePossible.Should().BeTrue();
            decision.Events().Should().ContainSingle(e => e.Type == EventSeverity.Warning && e.Reason == EventReasons.DuplicatePossible);
            decision.Next.Should().BeOfType<ReindexStep.Submit>();
        });
        yield return Case("Decide_MarkerWithoutJobIdUnderRequireConfirmation_StallsWithoutSubmitting",
            Job(Sending(), spec: spec => spec.SubmissionRecovery = SubmissionRecoveryPolicy.RequireConfirmation), Observe(), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Stalled);
            status.Message.Should().Contain(ReindexJob.RerunAnnotation);
            decision.Next.Should().NotBeOfType<ReindexStep.Submit>();
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.DuplicatePossible);
            decision.Next.Should().Be(new ReindexStep.Done());
        });
        yield return Case("Decide_AwaitingConfirmationAndNewRerunToken_SubmitsANewRun",
            Job(Sending() with
            {
                Phase = ReindexPhase.Stalled,
                Conditions = ReindexConditionSet.For(ReindexPhase.Stalled, ConditionReasons.SubmissionUncertain, "", 1, T0, []),
            }, rerun: "confirmed", spec: spec => spec.SubmissionRecovery = SubmissionRecoveryPolicy.RequireConfirmation), Observe(), T0, decision =>
        {
            var status = decision.Actions[0].Should().BeOfType<ReindexAction.WriteSubmissionMarker>().Subject.Status;
            status.LastHandledRerun.Should().Be("confirmed");
            status.Submission!.Attempt.Should().Be(1);
            decision.Next.Should().BeOfType<ReindexStep.Submit>();
        });
        yield return Case("Decide_NotSentRetryNotDue_WaitsForTheRemainder",
            Job(Sending() with
            {
                Phase = ReindexPhase.Pending,
                Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0, State = SubmissionState.NotSent },
                Retry = new RetryState { Reason = "ServerUnavailable", Count = 1, Since = T0 },
                NextAttemptTime = T0.AddSeconds(4),
            }), Observe(), T0, decision =>
        {
            decision.Next.Should().NotBeOfType<ReindexStep.Submit>();
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(4)));
        });
        yield return Case("Decide_NotSentRetryDue_SubmitsTheNextAttempt",
            Job(Sending() with
            {
                Phase = ReindexPhase.Pending,
                Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0, State = SubmissionState.NotSent },
                NextAttemptTime = T0,
            }), Observe(), T0, decision =>
        {
            decision.Actions[0].Should().BeOfType<ReindexAction.WriteSubmissionMarker>().Which.Status.Submission!.Attempt.Should().Be(2);
            decision.Next.Should().BeOfType<ReindexStep.Submit>();
        });
    }

    private static IEnumerable<TestCaseData> CredentialCases()
    {
        yield return Case("Decide_FirstUnauthorizedOnSubmit_RenewsTheTokenAndRetriesAtOnce", Job(Sending()),
            Observe(submission: new SubmitOutcome.Unauthorized("Authorization is required")), T0, decision =>
        {
            decision.Actions.Should().ContainSingle(action => action is ReindexAction.InvalidateToken);
            decision.WrittenStatus().Phase.Should().Be(ReindexPhase.Pending);
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.AuthenticationFailed);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.Zero));
        });
        yield return Case("Decide_UnauthorizedAgainAfterRenewal_Stalls",
            Job(Sending() with { Retry = new RetryState { Reason = ConditionReasons.Unauthorized, Count = 1, Since = T0 } }),
            Observe(submission: new SubmitOutcome.Unauthorized("Authorization is required")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Stalled);
            status.Condition(ReindexConditions.Stalled).Should().Be("True");
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromMinutes(1)));
        });
        yield return Case("Decide_ForbiddenOnSubmit_StallsWithTheReason", Job(Sending()),
            Observe(submission: new SubmitOutcome.Forbidden("RBAC: access denied")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Stalled);
            status.Message.Should().Contain("RBAC: access denied");
            status.Submission!.State.Should().Be(SubmissionState.NotSent);
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.Forbidden);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromMinutes(1)));
        });
        yield return Case("Decide_ForbiddenRepeatedly_BacksOffToTheCap",
            Job(Tracking() with { Retry = new RetryState { Reason = ConditionReasons.Forbidden, Count = 9, Since = T0.AddHours(-2) } }),
            Observe(poll: new PollOutcome.Forbidden("Insufficient permission for $reindex for SYSTEM")), T0, decision =>
        {
            decision.WrittenStatus().JobId.Should().Be(JobId);
            decision.Events().Should().BeEmpty();
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromMinutes(30)));
        });
        yield return Case("Decide_SecretMissing_WaitsInPending", Job(Sending()),
            Observe(submission: new SubmitOutcome.CredentialsUnavailable(new CredentialFailure(CredentialProblem.SecretMissing, "Secret fut/fhir-token not found"))), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Pending);
            status.Message.Should().Contain("fut/fhir-token");
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.AuthenticationFailed);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(5)));
        });
        yield return Case("Decide_TokenEndpointRefusesCredentials_Stalls", Job(Sending()),
            Observe(submission: new SubmitOutcome.CredentialsUnavailable(new CredentialFailure(CredentialProblem.Refused, "the token endpoint refused the credentials: invalid_grant"))), T0, decision =>
        {
            decision.WrittenStatus().Phase.Should().Be(ReindexPhase.Stalled);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromMinutes(1)));
        });
    }

    private static IEnumerable<TestCaseData> TrackingCases()
    {
        yield return Case("Decide_PollDue_PollsTheOwnBase", Job(Tracking()), Observe(), T0, decision =>
        {
            decision.Actions.Should().BeEmpty();
            var poll = decision.Next.Should().BeOfType<ReindexStep.Poll>().Subject;
            (poll.Target, poll.PollPath).Should().Be((Target, PollPaths.For(JobId)));
        });
        yield return Case("Decide_PollNotDue_RequeuesForTheRemainder", Job(Tracking(nextPoll: T0.AddSeconds(10))), Observe(), T0, decision =>
        {
            decision.Actions.Should().BeEmpty();
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(10)));
        });
        yield return Case("Decide_QueuedAndServerStarted_RunsAndSaysSo", Job(Tracking(ReindexPhase.Queued, progress: "$reindex job has not yet started")),
            Observe(poll: new PollOutcome.Progress(ServerJobState.InProgress, "$reindex job has started and is in progress")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Running);
            status.ServerProgress.Should().Be("$reindex job has started and is in progress");
            status.ServerProgressSince.Should().Be(T0);
            status.Polls.Should().Be(4);
            status.LastPollTime.Should().Be(T0);
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.Running);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(66)));
        });
        yield return Case("Decide_Finalizing_ShowsFinalizing", Job(Tracking()),
            Observe(poll: new PollOutcome.Progress(ServerJobState.Finalizing, "$reindex job has started and is being finalized")), T0, decision =>
            decision.WrittenStatus().Phase.Should().Be(ReindexPhase.Finalizing));
        yield return Case("Decide_ServerCompletedWhileItsLastWordsWereAccepted_ClearsTheServersProgressText",
            Job(Tracking(ReindexPhase.Queued, progress: "$reindex job has been accepted")),
            Observe(poll: new PollOutcome.Succeeded(new ReindexReport { ResourcesChanged = 32, Summary = "Reindex (v3) Report" })), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Succeeded);
            status.ServerProgress.Should().BeNull("the progress text of a running job must not outlive it");
            status.ServerProgressSince.Should().BeNull();
        });
        yield return Case("Decide_ServerCancelledTheJob_ClearsTheProgressTextAndSaysItInTheMessage",
            Job(Tracking(progress: "$reindex job has started and is in progress")),
            Observe(poll: new PollOutcome.Cancelled("cancelled by an administrator")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.ServerProgress.Should().BeNull();
            status.Message.Should().Contain("cancelled by an administrator");
        });
        yield return Case("Decide_ServerCompleted_SucceedsWithTheReport", Job(Tracking(ReindexPhase.Finalizing)),
            Observe(poll: new PollOutcome.Succeeded(new ReindexReport { ResourcesChanged = 32, Summary = "Reindex (v3) Report" })), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Succeeded);
            status.CompletionTime.Should().Be(T0);
            status.Report!.ResourcesChanged.Should().Be(32);
            status.Condition(ReindexConditions.Complete).Should().Be("True");
            status.Condition(ReindexConditions.Ready).Should().Be("True");
            status.Condition(ReindexConditions.Failed).Should().Be("False");
            status.Condition(ReindexConditions.Reconciling).Should().Be("False");
            status.Condition(ReindexConditions.Stalled).Should().Be("False");
            status.NextAttemptTime.Should().BeNull();
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.Succeeded && e.Note.Contains("32 resources changed"));
            decision.Next.Should().Be(new ReindexStep.Done());
        });
        yield return Case("Decide_ServerCancelled_EndsCancelledAsAFailure", Job(Tracking()),
            Observe(poll: new PollOutcome.Cancelled("$reindex job has been cancelled")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Cancelled);
            status.Condition(ReindexConditions.Failed).Should().Be("True");
            status.CompletionTime.Should().Be(T0);
        });
        yield return Case("Decide_FirstServerError_KeepsRunningDuringTheGracePeriod", Job(Tracking()),
            Observe(poll: new PollOutcome.FailedOrErrored("HAPI-2790: Reindex (v3) had 3 failure(s).")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Running);
            status.ServerError.Should().Be(new ServerErrorObservation { FirstSeen = T0, Polls = 1, Message = "HAPI-2790: Reindex (v3) had 3 failure(s)." });
            status.CompletionTime.Should().BeNull();
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.Retrying);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(66)));
        });
        yield return Case("Decide_ServerErrorOnTwoPollsSpanningTheGracePeriod_Fails",
            Job(Tracking() with { ServerError = new ServerErrorObservation { FirstSeen = T0.AddMinutes(-3), Polls = 1, Message = "x" } }),
            Observe(poll: new PollOutcome.FailedOrErrored("HAPI-2790: Reindex (v3) had 3 failure(s).")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Failed);
            status.Message.Should().Contain("HAPI-2790");
            status.CompletionTime.Should().Be(T0);
            status.Condition(ReindexConditions.Failed).Should().Be("True");
            decision.Events().Should().ContainSingle(e => e.Type == EventSeverity.Warning && e.Reason == EventReasons.Failed);
        });
        yield return Case("Decide_ServerErrorTwiceWithinTheGracePeriod_WaitsForTheRest",
            Job(Tracking() with { ServerError = new ServerErrorObservation { FirstSeen = T0.AddMinutes(-2.5), Polls = 1, Message = "x" } }),
            Observe(poll: new PollOutcome.FailedOrErrored("HAPI-2790")), T0, decision =>
        {
            decision.WrittenStatus().Phase.Should().Be(ReindexPhase.Running);
            decision.WrittenStatus().ServerError!.Polls.Should().Be(2);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(30)));
        });
        yield return Case("Decide_ServerErrorThenProgress_ForgetsTheError",
            Job(Tracking() with { ServerError = new ServerErrorObservation { FirstSeen = T0.AddMinutes(-1), Polls = 1, Message = "x" } }),
            Observe(poll: new PollOutcome.Progress(ServerJobState.InProgress, "$reindex job has started and is in progress")), T0, decision =>
            decision.WrittenStatus().ServerError.Should().BeNull());
        yield return Case("Decide_JobUnknownToServer_EndsLost", Job(Tracking()),
            Observe(poll: new PollOutcome.Lost("HAPI-2787: Invalid/unknown job ID")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Lost);
            status.Condition(ReindexConditions.Failed).Should().Be("True");
            status.CompletionTime.Should().Be(T0);
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.Lost);
        });
        yield return Case("Decide_NoStatusOperation_EndsUntrackableAndFailed", Job(Tracking()),
            Observe(poll: new PollOutcome.StatusUnsupported("does not know how to handle GET operation[$hapi.fhir.reindex-status]")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Untrackable);
            status.Condition(ReindexConditions.Complete).Should().Be("False");
            status.Condition(ReindexConditions.Failed).Should().Be("True");
            status.Conditions.Single(condition => condition.Type == ReindexConditions.Failed).Reason.Should().Be(ConditionReasons.StatusUnavailable);
            status.CompletionTime.Should().Be(T0);
        });
        yield return Case("Decide_NoStatusOperation_TellsTheAdministratorToCheckTheServer", Job(Tracking()),
            Observe(poll: new PollOutcome.StatusUnsupported("does not know how to handle GET operation[$hapi.fhir.reindex-status]")), T0, decision =>
        {
            decision.WrittenStatus().Conditions.Single(condition => condition.Type == ReindexConditions.Failed).Message.Should().Contain("check it on the server by hand");
            decision.Events().Should().ContainSingle(e => e.Type == EventSeverity.Warning && e.Reason == EventReasons.Untrackable && e.Note.Contains("check it on the server by hand"));
        });
        yield return Case("Decide_AcceptedWithoutAJobId_EndsUntrackableAndFailed", Job(Sending()),
            Observe(submission: new SubmitOutcome.AcceptedWithoutJobId("the server accepted the request (HTTP 200) but named no job id: OK")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Untrackable);
            status.Condition(ReindexConditions.Failed).Should().Be("True");
            status.Submission!.State.Should().Be(SubmissionState.Accepted);
            decision.Actions.Should().ContainSingle(action => action is ReindexAction.RecordJobId);
        });
        yield return Case("Decide_TransientPollFailure_KeepsThePhaseAndBacksOff", Job(Tracking()),
            Observe(poll: new PollOutcome.Transient("HTTP 503: no healthy upstream")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Running);
            status.JobId.Should().Be(JobId);
            status.Retry!.Count.Should().Be(1);
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.Retrying);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(5.5)));
        });
        yield return Case("Decide_AnswerUnchangedBeyondTheStallTimeout_StallsButKeepsPolling",
            Job(Tracking(progressSince: T0.AddHours(-3))),
            Observe(poll: new PollOutcome.Progress(ServerJobState.InProgress, "$reindex job has started and is in progress")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Stalled);
            status.Condition(ReindexConditions.Stalled).Should().Be("True");
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.Stalled);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(66)));
        });
        yield return Case("Decide_StalledAndTheAnswerChanges_RunsAgain",
            Job(Tracking(ReindexPhase.Stalled, progressSince: T0.AddHours(-3))),
            Observe(poll: new PollOutcome.Progress(ServerJobState.Finalizing, "$reindex job has started and is being finalized")), T0, decision =>
            decision.WrittenStatus().Phase.Should().Be(ReindexPhase.Finalizing));
        yield return Case("Decide_DeadlinePassed_FailsWithDeadlineExceeded", Job(Tracking(), spec: spec => spec.Polling.Deadline = TimeSpan.FromMinutes(5)),
            Observe(), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Failed);
            status.Conditions.Single(c => c.Type == ReindexConditions.Failed).Reason.Should().Be(ConditionReasons.DeadlineExceeded);
            status.Message.Should().Contain("no cancel operation");
            decision.Next.Should().NotBeOfType<ReindexStep.Poll>();
            decision.Next.Should().Be(new ReindexStep.Done());
        });
        yield return Case("Decide_PollNotDueButDeadlineSooner_RequeuesAtTheDeadline",
            Job(Tracking(nextPoll: T0.AddMinutes(1)), spec: spec => spec.Polling.Deadline = TimeSpan.FromMinutes(10.5)), Observe(), T0, decision =>
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(30))));
    }

    private static IEnumerable<TestCaseData> SpecAndRerunCases()
    {
        var succeeded = Tracking(ReindexPhase.Succeeded) with { CompletionTime = T0.AddMinutes(-1), NextAttemptTime = null, LastHandledRerun = "a" };
        var terminalConditions = succeeded with { Conditions = ReindexConditionSet.For(ReindexPhase.Succeeded, ConditionReasons.Succeeded, "", 1, T0, []) };
        yield return Case("Decide_SucceededJob_DoesNothingMore", Job(terminalConditions, rerun: "a"), Observe(), T0, decision =>
        {
            decision.Actions.Should().BeEmpty();
            decision.Next.Should().Be(new ReindexStep.Done());
        });
        yield return Case("Decide_SpecChangedAfterSubmission_RefusesAndSaysSo", Job(Tracking(nextPoll: T0.AddSeconds(30)), generation: 2), Observe(), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Message.Should().Contain("generation 2").And.Contain("ignored").And.Contain(ReindexJob.RerunAnnotation);
            status.RunGeneration.Should().Be(1);
            status.ObservedGeneration.Should().Be(2);
            decision.Events().Should().ContainSingle(e => e.Type == EventSeverity.Warning && e.Reason == EventReasons.SpecChangeRejected);
        });
        yield return Case("Decide_SpecChangedAfterSuccess_RefusesUntilARerun", Job(terminalConditions, generation: 2, rerun: "a"), Observe(), T0, decision =>
        {
            decision.WrittenStatus().Message.Should().Contain("ignored");
            decision.Next.Should().NotBeOfType<ReindexStep.Submit>();
        });
        yield return Case("Decide_SpecChangedAfterSuccess_NoteIsASentenceOfItsOwnAfterTheResult",
            Job(terminalConditions with { Message = "job 42 completed: 32 resources changed" }, generation: 2, rerun: "a"), Observe(), T0, decision =>
        {
            decision.WrittenStatus().Message.Should().StartWith("job 42 completed: 32 resources changed. The spec changed (generation 2)");
        });
        yield return Case("Decide_TerminalAndNewRerunToken_StartsANewRunWithTheCurrentSpec", Job(terminalConditions, generation: 2, rerun: "b"), Observe(), T0, decision =>
        {
            var status = decision.Actions[0].Should().BeOfType<ReindexAction.WriteSubmissionMarker>().Subject.Status;
            status.LastHandledRerun.Should().Be("b");
            status.JobId.Should().BeNull();
            status.CompletionTime.Should().BeNull();
            status.RunGeneration.Should().Be(2);
            status.Submission!.Attempt.Should().Be(1);
            status.Condition(ReindexConditions.Complete).Should().Be("False");
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.RerunStarted);
            decision.Next.Should().BeOfType<ReindexStep.Submit>();
        });
        yield return Case("Decide_RunningAndNewRerunToken_RunsOnAndStartsItAfterwards",
            Job(Tracking(nextPoll: T0.AddSeconds(30)) with { LastHandledRerun = "a" }, rerun: "b"), Observe(), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.LastHandledRerun.Should().Be("a");
            status.Message.Should().Contain("Rerun 'b' starts when this run ends");
        });
        yield return Case("Decide_StalledWithoutProgressAndNewRerunToken_AbandonsTheRunAndStartsANewOne",
            Job(Tracking(ReindexPhase.Stalled) with { LastHandledRerun = "a" }, rerun: "b"), Observe(), T0, decision =>
        {
            decision.Actions[0].Should().BeOfType<ReindexAction.WriteSubmissionMarker>().Which.Status.LastHandledRerun.Should().Be("b");
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.RerunStarted && e.Note.Contains("may still run on the server"));
        });
        yield return Case("Decide_FirstRunWithRerunAnnotation_EchoesTheToken", Job(rerun: "2026-04-16"), Observe(), T0, decision =>
        {
            decision.WrittenStatus().LastHandledRerun.Should().Be("2026-04-16");
            decision.Events().Should().BeEmpty();
        });
    }

    private static IEnumerable<TestCaseData> TargetAndTurnCases()
    {
        yield return Case("Decide_PeerRunningOnTheSameTarget_WaitsNamingTheTargetAndItsLimit", Job(), Observe(peers: [RunningPeer]), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Pending);
            status.Message.Should().Be(WaitingMessage);
            status.Condition(ReindexConditions.Reconciling).Should().Be("True");
            decision.Events().Should().ContainSingle(e => e.Type == EventSeverity.Normal && e.Reason == EventReasons.Waiting);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(30)));
        });
        yield return Case("Decide_EarlierPeerWaiting_LetsItStartFirst", Job(), Observe(peers: [EarlierWaitingPeer]), T0, decision =>
        {
            decision.WrittenStatus().Message.Should().Be(WaitingMessage);
            decision.Next.Should().NotBeOfType<ReindexStep.Submit>();
        });
        yield return Case("Decide_OnlyLaterPeersWaiting_StartsFirst", Job(), Observe(peers: [LaterWaitingPeer]), T0, decision =>
            decision.Next.Should().BeOfType<ReindexStep.Submit>());
        yield return Case("Decide_StillWaiting_EmitsNoNewEvent",
            Job(new ReindexJobStatus
            {
                Phase = ReindexPhase.Pending,
                Message = WaitingMessage,
                ObservedGeneration = 1,
                Conditions = ReindexConditionSet.For(ReindexPhase.Pending, ConditionReasons.WaitingForTurn, "", 1, T0, []),
            }), Observe(peers: [RunningPeer]), T0, decision => decision.Events().Should().BeEmpty());
        yield return Case("Decide_TargetNotFound_WaitsAndSaysWhich", Job(),
            Observe(target: new TargetObservation.NotFound("Service fut/organization not found")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Pending);
            status.Message.Should().Contain("Service fut/organization not found");
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.TargetNotFound);
            decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(5)));
        });
        yield return Case("Decide_TargetRefused_StallsWithTheReason", Job(),
            Observe(target: new TargetObservation.Refused("Service fut/organization is of type ExternalName, which is refused")), T0, decision =>
        {
            var status = decision.WrittenStatus();
            status.Phase.Should().Be(ReindexPhase.Stalled);
            status.Message.Should().Contain("ExternalName");
            decision.Events().Should().ContainSingle(e => e.Reason == EventReasons.TargetRefused);
        });
    }

    [TestCaseSource(nameof(SubmissionCases))]
    [TestCaseSource(nameof(CredentialCases))]
    [TestCaseSource(nameof(TrackingCases))]
    [TestCaseSource(nameof(SpecAndRerunCases))]
    [TestCaseSource(nameof(TargetAndTurnCases))]
    public void Decide_Table(ReindexJob job, ReindexObservation observation, DateTimeOffset now, ReindexOperatorPolicy policy, Action<ReindexDecision> expect)
    {
        expect(ReindexDecider.Decide(job, observation, now, policy));
    }

    [Test]
    public void Decide_TwoSlotsPerTargetAndOneRunning_Starts()
    {
        var decision = ReindexDecider.Decide(Job(), Observe(peers: [RunningPeer]), T0, new ReindexOperatorPolicy { MaxRunningPerTarget = 2 });

        decision.Next.Should().BeOfType<ReindexStep.Submit>();
    }

    [Test]
    public void Decide_PeerWithASlotReservedInThisProcess_Waits()
    {
        var admitted = LaterWaitingPeer with { Key = "fut/admitted" };

        var decision = ReindexDecider.Decide(Job(), Observe(peers: [admitted]) with { ReservedSlots = ["fut/admitted"] }, T0, Policy);

        decision.Next.Should().NotBeOfType<ReindexStep.Submit>();
        decision.WrittenStatus().Message.Should().Be(WaitingMessage);
    }

    [Test]
    public void Decide_ReservedPeerTheCacheAlsoShowsRunning_CountsOnce()
    {
        var decision = ReindexDecider.Decide(
            Job(), Observe(peers: [RunningPeer]) with { ReservedSlots = [RunningPeer.Key] }, T0, new ReindexOperatorPolicy { MaxRunningPerTarget = 2 });

        decision.Next.Should().BeOfType<ReindexStep.Submit>();
    }

    [Test]
    public void Decide_OwnReservationFromAnEarlierReconcile_DoesNotMakeItWait()
    {
        var decision = ReindexDecider.Decide(Job(), Observe() with { ReservedSlots = ["fut/organizations"] }, T0, Policy);

        decision.Next.Should().BeOfType<ReindexStep.Submit>();
    }

    [Test]
    public void Decide_EarlierPeerWithAnInvalidSpecNotYetReconciled_StartsWithoutWaitingForIt()
    {
        var invalidPeer = Job(spec: spec => spec.Urls = ["not a search url"], createdAt: T0.AddHours(-1));
        invalidPeer.Metadata.Name = "invalid";
        invalidPeer.Metadata.Uid = "uid-invalid";

        var decision = ReindexDecider.Decide(Job(), Observe(peers: [PeerJob.From(invalidPeer)]), T0, Policy);

        decision.Next.Should().BeOfType<ReindexStep.Submit>();
    }

    [Test]
    public void Decide_CallToTheServer_IsTheNextStepAndNoAction()
    {
        ReindexDecider.Decide(Job(), Observe(), T0, Policy).Next.Should().BeOfType<ReindexStep.Submit>();
        ReindexDecider.Decide(Job(Sending()), Observe(), T0, Policy).Next.Should().BeOfType<ReindexStep.Submit>();
        ReindexDecider.Decide(Job(Tracking()), Observe(), T0, Policy).Next.Should().BeOfType<ReindexStep.Poll>();
    }

    [Test]
    public void Decide_SubmissionOutcomeWithoutASendingMarker_Throws()
    {
        var decide = () => ReindexDecider.Decide(Job(), Observe(submission: new SubmitOutcome.Accepted(JobId, true, "")), T0, Policy);

        decide.Should().Throw<ArgumentException>().WithMessage("*marker write*");
    }

    [Test]
    public void Decide_PollOutcomeWithoutAJobId_Throws()
    {
        var decide = () => ReindexDecider.Decide(Job(Sending()), Observe(poll: new PollOutcome.Transient("x")), T0, Policy);

        decide.Should().Throw<ArgumentException>();
    }

    private static IEnumerable<TestCaseData> SettledStates()
    {
        yield return new TestCaseData(Job(), Observe(target: new TargetObservation.NotFound("Service fut/organization not found"))).SetName("Decide_TargetStillMissing_WritesNothingNew");
        yield return new TestCaseData(Job(Tracking(nextPoll: T0.AddSeconds(30)) with { LastHandledRerun = "a" }, rerun: "b"), Observe()).SetName("Decide_RerunStillWaiting_WritesNothingNew");
        yield return new TestCaseData(Job(Tracking(nextPoll: T0.AddSeconds(30)), generation: 2), Observe()).SetName("Decide_SpecChangeStillRefused_WritesNothingNew");
        yield return new TestCaseData(Job(), Observe(peers: [RunningPeer])).SetName("Decide_StillWaitingForTurn_WritesNothingNew");
        yield return new TestCaseData(Job(spec: spec => spec.Urls = ["Foo?"]), Observe()).SetName("Decide_SpecStillInvalid_WritesNothingNew");
        yield return new TestCaseData(Job(), Observe(target: new TargetObservation.Refused("ExternalName"))).SetName("Decide_TargetStillRefused_WritesNothingNew");
    }

    /// <summary>Each status write triggers a reconcile: deciding again on the written status must not write again.</summary>
    [TestCaseSource(nameof(SettledStates))]
    public void Decide_AgainOnItsOwnStatus_WritesNothingNew(ReindexJob job, ReindexObservation observation)
    {
        var first = ReindexDecider.Decide(job, observation, T0, Policy);
        var written = Job(first.WrittenStatus(), job.Metadata.Generation ?? 1, job.RerunToken, spec => spec.Urls = job.Spec.Urls);

        var second = ReindexDecider.Decide(written, observation, T0.AddSeconds(1), Policy);

        second.Actions.Should().BeEmpty();
    }

    [Test]
    public void Decide_DeadlineAbsentFromSpec_UsesTheOperatorsDefault()
    {
        var policy = new ReindexOperatorPolicy { Polling = new PollingDefaults { Deadline = TimeSpan.FromMinutes(5) } };

        var decision = ReindexDecider.Decide(Job(Tracking()), Observe(), T0, policy);

        decision.WrittenStatus().Conditions.Single(c => c.Type == ReindexConditions.Failed).Reason.Should().Be(ConditionReasons.DeadlineExceeded);
        decision.WrittenStatus().Message.Should().Contain("deadline of 5m");
    }

    [Test]
    public void Decide_DeadlineInSpec_OverridesTheOperatorsDefault()
    {
        var policy = new ReindexOperatorPolicy { Polling = new PollingDefaults { Deadline = TimeSpan.FromMinutes(5) } };

        var decision = ReindexDecider.Decide(Job(Tracking(), spec: spec => spec.Polling.Deadline = TimeSpan.FromHours(1)), Observe(), T0, policy);

        decision.Next.Should().BeOfType<ReindexStep.Poll>();
    }

    [Test]
    public void Decide_FirstIntervalAbsentFromSpec_SchedulesTheFirstPollAfterTheOperatorsDefault()
    {
        var policy = new ReindexOperatorPolicy { Polling = new PollingDefaults { FirstInterval = TimeSpan.FromSeconds(40) } };
        var job = Job(Sending(), spec: spec => spec.Polling.JitterPercent = 0);

        var decision = ReindexDecider.Decide(job, Observe(submission: new SubmitOutcome.Accepted(JobId, true, "")), T0, policy);

        decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(40)));
    }

    [Test]
    public void Decide_TransientFailuresInARow_EachMessageSaysTheDelayOfItsOwnRetry()
    {
        var job = Job(Tracking());
        var now = T0;
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var decision = ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Transient("HTTP 503: no healthy upstream")), now, Policy);

            var status = decision.WrittenStatus();
            var delay = status.NextAttemptTime!.Value - now;
            status.Message.Should().Contain($"retrying in {GoDuration.Format(delay)} (attempt {attempt})");
            decision.Next.Should().Be(new ReindexStep.Wait(delay));
            delays.Add(delay);
            job = Job(status);
            now = status.NextAttemptTime.Value;
        }

        delays.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("the backoff grows, and the message follows it");
    }

    [Test]
    public void Decide_CredentialFailureWithoutText_EmitsAnEventThatStillSaysSomething()
    {
        // Shrunk from A_decision_never_throws_and_keeps_every_invariant (seed 4Dk0iZs3uZM2): a token endpoint that refused
        // with an empty error text gave an AuthenticationFailed event with an empty note.
        var decision = ReindexDecider.Decide(
            Job(Sending()), Observe(submission: new SubmitOutcome.CredentialsUnavailable(new CredentialFailure(CredentialProblem.Refused, ""))), T0, Policy);

        decision.Events().Should().NotBeEmpty().And.OnlyContain(e => e.Note.Length > 0);
    }

    [Test]
    public void Decide_SameInputs_SameDecision()
    {
        var first = ReindexDecider.Decide(Job(Tracking()), Observe(poll: new PollOutcome.Transient("x")), T0, Policy);
        var second = ReindexDecider.Decide(Job(Tracking()), Observe(poll: new PollOutcome.Transient("x")), T0, Policy);

        k8s.KubernetesJson.Serialize(second.WrittenStatus()).Should().Be(k8s.KubernetesJson.Serialize(first.WrittenStatus()));
        second.Next.Should().Be(first.Next);
    }

    private static TestCaseData Case(string name, ReindexJob job, ReindexObservation observation, DateTimeOffset now, Action<ReindexDecision> expect)
        => new TestCaseData(job, observation, now, Policy, expect).SetName(name);
}
