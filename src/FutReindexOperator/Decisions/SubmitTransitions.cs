using FutReindexOperator.Admission;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;
using k8s;

namespace FutReindexOperator.Decisions;
/// <summary>
/// The transitions out of NotStarted, Waiting, Stalled (before submission), Submitting and Uncertain: admission to the
/// target's slot, the marker and the POST, and what the POST's outcome leads to.
/// </summary>
internal static class SubmitTransitions
{
    internal static ReindexDecision Submit(DecisionContext context, FhirBase target)
    {
        if (WaitForTurn(context, target) is { } blocked)
        {
            return blocked;
        }

        var previous = context.Status.Submission;
        var attempt = Retries.Next(previous?.Attempt ?? 0);
        var marker = new SubmissionMarker
        {
            Attempt = attempt,
            StartedAt = context.Now,
            State = SubmissionState.Sending,
            DuplicatePossible = previous?.DuplicatePossible ?? false,
        };
        context.Status = context.Status with
        {
            Submission = marker,
            StartTime = context.Status.StartTime ?? context.Now,
            RunGeneration = context.Generation,
            Auth = KubernetesJson.Deserialize<AuthSpec>(KubernetesJson.Serialize(context.Spec.Auth)),
            NextAttemptTime = null,
        };
        ShowSubmitting(context, $"submitting $reindex to {target} (attempt {attempt})");
        return context.Finish(new ReindexStep.Submit(target, context.Spec), StatusWrite.SubmissionMarker);
    }

    /// <summary>
    /// The phase and message the marker is written with: Submitting, except for the retry of a run refused before, which
    /// keeps its phase and reason (<see cref="RunStates.StalledByRefusal"/>): until the server accepts a job it still
    /// needs attention, and a phase that left Stalled for each attempt would flap in every watch, wait and Argo CD.
    /// </summary>
    private static void ShowSubmitting(DecisionContext context, string submitting)
    {
        if (RunStates.StalledByRefusal(context.Status))
        {
            context.SetPhase(ReindexPhase.Stalled, context.Reason, $"{submitting}; Stalled ({context.Reason}) until the server accepts it");
        }
        else
        {
            context.SetPhase(ReindexPhase.Submitting, ConditionReasons.Submitting, submitting);
        }
    }

    /// <summary>
    /// Null when the job may start now on its target; otherwise the decision to wait in Pending. The waiting message names
    /// the target and its limit, never the jobs in front: those change every time one ends, and a message that changed
    /// with them would rewrite every waiting job's status on each end (quadratic in the queue's length).
    /// </summary>
    internal static ReindexDecision? WaitForTurn(DecisionContext context, FhirBase target)
    {
        var peers = context.Observation.Peers;
        var reserved = context.Observation.ReservedSlots.Where(key => key != context.JobKey).ToHashSet(StringComparer.Ordinal);
        var running = peers.Count(peer => peer.HoldsSlot || reserved.Contains(peer.Key))
            + reserved.Count(key => !peers.Any(peer => peer.Key == key));
        var createdAt = PeerJob.CreationTimeOf(context.Job);
        var ahead = peers
            .Where(peer => peer.IsWaiting && !reserved.Contains(peer.Key))
            .Count(peer => peer.CreatedAt < createdAt || (peer.CreatedAt == createdAt && string.CompareOrdinal(peer.Key, context.JobKey) < 0));
        var limit = context.Policy.MaxRunningPerTarget;
        if (limit - running > ahead)
        {
            return null;
        }

        var message = $"waiting for a free slot on {target}: at most {limit} {(limit == 1 ? "job runs" : "jobs run")} there at once, and jobs created earlier go first";
        context.SetPhase(ReindexPhase.Pending, ConditionReasons.WaitingForTurn, message);
        context.Event(EventSeverity.Normal, EventReasons.Waiting, "Schedule", message, EventCue.Entered);
        return context.Finish(new ReindexStep.Wait(context.Policy.WaitingRecheck));
    }

    internal static ReindexDecision AfterSubmission(DecisionContext context, SubmitOutcome outcome)
    {
        var marker = context.Status.Submission!;
        switch (outcome)
        {
            case SubmitOutcome.Accepted accepted:
                return Accepted(context, marker, accepted);
            case SubmitOutcome.AcceptedWithoutJobId withoutId:
                context.Status = context.Status with { Submission = marker with { State = SubmissionState.Accepted } };
                return Untrackable(context, $"{withoutId.ServerMessage}; the outcome cannot be followed", "Submit", StatusWrite.JobId);
            case SubmitOutcome.Rejected rejected:
                {
                    context.Status = context.Status with { Submission = marker with { State = SubmissionState.NotSent } };
                    var message = $"the server refused the $reindex request (HTTP {rejected.StatusCode}): {rejected.Diagnostics}";
                    context.End(ReindexPhase.Failed, ConditionReasons.ServerRejected, message);
                    context.Event(EventSeverity.Warning, EventReasons.Failed, "Submit", message);
                    return context.Finish(new ReindexStep.Done());
                }

            case SubmitOutcome.Unauthorized unauthorized:
                context.Status = context.Status with { Submission = marker with { State = SubmissionState.NotSent } };
                return Retries.Unauthorized(context, unauthorized.Diagnostics, "Submit");
            case SubmitOutcome.Forbidden forbidden:
                context.Status = context.Status with { Submission = marker with { State = SubmissionState.NotSent } };
                return Retries.Forbidden(context, forbidden.Diagnostics, "Submit");
            case SubmitOutcome.NotSent notSent:
                context.Status = context.Status with { Submission = marker with { State = SubmissionState.NotSent } };
                return Retries.Transient(context, Retries.RetryServerUnavailable, $"could not submit: {notSent.Cause}", "Submit");
            case SubmitOutcome.MaybeSent maybeSent:
                return UncertainSubmission(context, target: null, maybeSent.Cause);
            case SubmitOutcome.CredentialsUnavailable credentials:
                context.Status = context.Status with { Submission = marker with { State = SubmissionState.NotSent } };
                return Retries.CredentialsUnavailable(context, credentials.Failure, "Submit");
            default:
                throw new ArgumentException($"Unknown submit outcome {outcome}.", nameof(outcome));
        }
    }

    internal static ReindexDecision Accepted(DecisionContext context, SubmissionMarker marker, SubmitOutcome.Accepted accepted)
    {
        if (!PollPaths.IsUsableJobId(accepted.JobId))
        {
            // Nothing the status can hold or a poll can name; the server's words are all that can be kept.
            context.Status = context.Status with { Submission = marker with { State = SubmissionState.Accepted }, SubmittedAt = context.Now, Retry = null };
            return Untrackable(
                context,
                $"the server accepted the request but named a job id the operator cannot record or follow (blank, with whitespace or control characters, or longer than {PollPaths.MaxJobIdLength} characters): '{ServerText.Sanitize(accepted.JobId, 200)}'; the outcome cannot be followed",
                "Submit",
                StatusWrite.JobId);
        }

        var duplicate = marker.DuplicatePossible ? " A duplicate job from an earlier attempt is possible." : "";
        context.Status = context.Status with
        {
            Submission = marker with { State = SubmissionState.Accepted },
            JobId = accepted.JobId,
            SubmittedAt = context.Now,
            Retry = null,
        };
        context.Event(EventSeverity.Normal, EventReasons.Submitted, "Submit", $"Submitted $reindex as job {accepted.JobId} to {context.Status.TargetBase}.{duplicate}");
        if (!accepted.Trackable)
        {
            return Untrackable(
                context, $"submitted as job {accepted.JobId}, but the server has no status operation (HAPI before 8.6.2), so the outcome cannot be followed", "Submit", StatusWrite.JobId);
        }

        var interval = Delays.PollInterval(context.Polling, 0, context.Observation.JitterSample);
        context.Status = context.Status with
        {
            PollPath = PollPaths.For(accepted.JobId),
            NextAttemptTime = Delays.Later(context.Now, interval),
            ServerProgress = accepted.ServerMessage.Length > 0 ? accepted.ServerMessage : null,
            ServerProgressSince = context.Now,
        };
        context.SetPhase(ReindexPhase.Queued, ConditionReasons.Queued, $"submitted as job {accepted.JobId}; waiting for the server to start it.{duplicate}");
        return context.Finish(new ReindexStep.Wait(interval), StatusWrite.JobId);
    }

    /// <summary>
    /// A submission that may have reached the server without the operator learning a job id: after a crash between
    /// marker and job id (<paramref name="cause"/> null), or a request that failed after it may have been sent.
    /// </summary>
    internal static ReindexDecision UncertainSubmission(DecisionContext context, FhirBase? target, string? cause)
    {
        var marker = context.Status.Submission!;
        var what = cause is null
            ? $"attempt {marker.Attempt} (begun {marker.StartedAt:u}) may have reached the server, but no job id was recorded (the operator stopped in between)"
            : $"attempt {marker.Attempt} may have reached the server: {cause}";
        if (context.Spec.SubmissionRecovery == SubmissionRecoveryPolicy.RequireConfirmation)
        {
            return AwaitConfirmation(context, $"{what}. HAPI does not de-duplicate jobs: check the server, then set the annotation {ReindexJob.RerunAnnotation} to a new value to submit again (submissionRecovery RequireConfirmation)");
        }

        if (target is null)
        {
            var count = Retries.NextRetryCount(context, Retries.RetryServerUnavailable);
            var delay = Delays.WithJitter(Delays.Backoff(context.Policy.RetryBase, context.Policy.RetryCap, count), context.Polling.JitterPercent, context.Observation.JitterSample);
            Retries.SetRetry(context, Retries.RetryServerUnavailable, count, delay);
            context.Status = context.Status with { Submission = marker with { DuplicatePossible = true } };
            var message = $"{what}; submitting again in {GoDuration.Format(delay)} (submissionRecovery Resubmit), so the server may run this reindex twice";
            Retries.KeepOrPend(context, ConditionReasons.Retrying, message);
            context.Event(EventSeverity.Warning, EventReasons.Retrying, "Submit", message);
            return context.Finish(new ReindexStep.Wait(delay));
        }

        if (context.Status.RunGeneration is { } runGeneration && runGeneration != context.Generation)
        {
            // The spec the run submitted is gone: sending the edited one would not be the same request again.
            return AwaitConfirmation(context, $"{what}. The spec changed (generation {context.Generation}) after generation {runGeneration} was submitted, so the submitted request cannot be sent again; check the server, then set the annotation {ReindexJob.RerunAnnotation} to a new value to run the current spec");
        }

        var next = new SubmissionMarker { Attempt = Retries.Next(marker.Attempt), StartedAt = context.Now, State = SubmissionState.Sending, DuplicatePossible = true };
        context.Status = context.Status with { Submission = next, NextAttemptTime = null, RunGeneration = context.Status.RunGeneration ?? context.Generation };
        ShowSubmitting(context, $"submitting $reindex to {target} again (attempt {next.Attempt}); a duplicate job is possible");
        context.Event(EventSeverity.Warning, EventReasons.DuplicatePossible, "Submit",
            $"{what}. Submitting again (attempt {next.Attempt}, submissionRecovery Resubmit): the server may run this reindex twice.");
        return context.Finish(new ReindexStep.Submit(target, context.Spec), StatusWrite.SubmissionMarker);
    }

    /// <summary>
    /// Stalls an uncertain submission until a person has checked the server and asks for a rerun; the DuplicatePossible
    /// warning is sent when the job enters this state, not on every later reconcile.
    /// </summary>
    private static ReindexDecision AwaitConfirmation(DecisionContext context, string message)
    {
        context.SetPhase(ReindexPhase.Stalled, ConditionReasons.SubmissionUncertain, message);
        context.Status = context.Status with { NextAttemptTime = null, Retry = null };
        context.Event(EventSeverity.Warning, EventReasons.DuplicatePossible, "Submit", message, EventCue.Entered);
        return context.Finish(new ReindexStep.Done());
    }

    /// <summary>
    /// The server took the job but offers no way to follow it: the run ends Failed in its conditions (so that waiting
    /// tools and Argo CD see an end that is not a success) and the message sends the administrator to the server.
    /// </summary>
    internal static ReindexDecision Untrackable(DecisionContext context, string what, string action, StatusWrite write)
    {
        var message = $"{what}. Whether the reindex succeeded is unknown: check it on the server by hand (its logs).";
        context.End(ReindexPhase.Untrackable, ConditionReasons.StatusUnavailable, message);
        context.Event(EventSeverity.Warning, EventReasons.Untrackable, action, message);
        return context.Finish(new ReindexStep.Done(), write);
    }
}
