using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;

namespace FutReindexOperator.Decisions;
/// <summary>The transitions out of Tracking: the poll, and what its outcome leads to.</summary>
internal static class TrackTransitions
{
    internal static ReindexDecision Track(DecisionContext context, FhirBase target, string jobId)
    {
        if (!PollPaths.IsUsableJobId(jobId))
        {
            return RunGuards.InvalidStatus(context, $"status.jobId '{ServerText.Sanitize(jobId, 80)}' is not a job id the operator recorded (blank, or with whitespace or control characters)");
        }

        // The poll path follows from the job id alone: a recorded one that differs was not written by the operator and
        // could point anywhere below the FHIR base, so it is replaced, never followed.
        var pollPath = PollPaths.For(jobId);
        if (context.Status.PollPath is { } recorded && recorded != pollPath)
        {
            context.Status = context.Status with { PollPath = pollPath };
            context.Event(
                EventSeverity.Warning,
                EventReasons.InvalidStatus,
                "Reconcile",
                $"status.pollPath '{ServerText.Sanitize(recorded, 80)}' is not the status operation of job {jobId} (the status was changed by hand); corrected to '{pollPath}'.");
        }

        if (context.Observation.Poll is { } outcome)
        {
            context.Status = context.Status with { Polls = Retries.Next(context.Status.Polls), LastPollTime = context.Now, PollPath = pollPath };
            return AfterPoll(context, jobId, outcome);
        }

        return context.Finish(new ReindexStep.Poll(target, pollPath, context.RunAuth));
    }

    internal static ReindexDecision AfterPoll(DecisionContext context, string jobId, PollOutcome outcome)
    {
        switch (outcome)
        {
            case PollOutcome.Progress progress:
                return Progress(context, jobId, progress);
            case PollOutcome.Succeeded succeeded:
                {
                    var changed = succeeded.Report.ResourcesChanged is { } count ? $": {count} resources changed" : "";
                    context.Status = context.Status with { Report = succeeded.Report };
                    context.End(ReindexPhase.Succeeded, ConditionReasons.Succeeded, $"job {jobId} completed{changed}");
                    context.Event(EventSeverity.Normal, EventReasons.Succeeded, "Poll", $"Reindex job {jobId} succeeded{changed}.");
                    return context.Finish(new ReindexStep.Done());
                }

            case PollOutcome.Cancelled cancelled:
                return Ended(context, ReindexPhase.Cancelled, ConditionReasons.Cancelled, EventReasons.Cancelled, $"job {jobId} was cancelled on the server: {cancelled.Text}");
            case PollOutcome.FailedOrErrored failed:
                return FailedOrErrored(context, jobId, failed.Message);
            case PollOutcome.Lost lost:
                return Ended(context, ReindexPhase.Lost, ConditionReasons.JobLost, EventReasons.Lost, $"the server does not know job {jobId} (purged, another server or partition, or a database reset); its outcome is unknown: {lost.Diagnostics}");
            case PollOutcome.Rejected rejected:
                return Ended(context, ReindexPhase.Failed, ConditionReasons.ServerRejected, EventReasons.Failed, $"the server refused the status request for job {jobId} (HTTP {rejected.StatusCode}): {rejected.Diagnostics}");
            case PollOutcome.StatusUnsupported unsupported:
                return SubmitTransitions.Untrackable(
                    context, $"job {jobId} was submitted, but the server has no status operation, so the outcome cannot be followed: {unsupported.Diagnostics}", "Poll", StatusWrite.Patch);

            case PollOutcome.Unauthorized unauthorized:
                return Retries.Unauthorized(context, unauthorized.Diagnostics, "Poll");
            case PollOutcome.Forbidden forbidden:
                return Retries.Forbidden(context, forbidden.Diagnostics, "Poll");
            case PollOutcome.Transient transient:
                return Retries.Transient(context, Retries.RetryServerUnavailable, $"could not get the job's state: {transient.Cause}", "Poll");
            case PollOutcome.CredentialsUnavailable credentials:
                return Retries.CredentialsUnavailable(context, credentials.Failure, "Poll");
            default:
                throw new ArgumentException($"Unknown poll outcome {outcome}.", nameof(outcome));
        }
    }

    /// <summary>Ends the run on a poll's unsuccessful answer, with a Warning event that says the same as the message.</summary>
    private static ReindexDecision Ended(DecisionContext context, ReindexPhase phase, string conditionReason, string eventReason, string message)
    {
        context.End(phase, conditionReason, message);
        context.Event(EventSeverity.Warning, eventReason, "Poll", message);
        return context.Finish(new ReindexStep.Done());
    }

    internal static ReindexDecision Progress(DecisionContext context, string jobId, PollOutcome.Progress progress)
    {
        var status = context.Status;
        var changed = progress.Text != status.ServerProgress;
        var since = changed || status.ServerProgressSince is null ? context.Now : status.ServerProgressSince.Value;
        var interval = Delays.PollInterval(context.Polling, status.Polls, context.Observation.JitterSample);
        context.Status = status with
        {
            ServerProgress = progress.Text,
            ServerProgressSince = since,
            ServerError = null,
            Retry = null,
            NextAttemptTime = Delays.Later(context.Now, interval),
        };

        var stallTimeout = context.Polling.StallTimeout;
        if (context.Now - since >= stallTimeout)
        {
            var message = $"job {jobId}: the server's answer has not changed for {GoDuration.Format(stallTimeout)} ('{progress.Text}'); HAPI jobs can hang after a server restart. Still polling until the deadline.";
            context.SetPhase(ReindexPhase.Stalled, ConditionReasons.NoProgress, message);
            context.Event(EventSeverity.Warning, EventReasons.Stalled, "Poll", message, EventCue.Entered);
            return context.Finish(new ReindexStep.Wait(interval));
        }

        var (phase, reason) = progress.State switch
        {
            ServerJobState.Queued => (ReindexPhase.Queued, ConditionReasons.Queued),
            ServerJobState.Finalizing => (ReindexPhase.Finalizing, ConditionReasons.Finalizing),
            _ => (ReindexPhase.Running, ConditionReasons.Running),
        };
        context.SetPhase(phase, reason, $"job {jobId}: {progress.Text}");
        if (phase != ReindexPhase.Queued)
        {
            context.Event(EventSeverity.Normal, EventReasons.Running, "Poll", $"Job {jobId}: {progress.Text}.", EventCue.Entered);
        }

        return context.Finish(new ReindexStep.Wait(interval));
    }

    /// <summary>HAPI's ERRORED (retryable) looks exactly like FAILED: Failed only after ≥2 polls spanning the grace period.</summary>
    internal static ReindexDecision FailedOrErrored(DecisionContext context, string jobId, string serverMessage)
    {
        var previous = context.Status.ServerError;
        var polls = Retries.Next(previous?.Polls ?? 0);
        var firstSeen = previous?.FirstSeen ?? context.Now;
        var grace = context.Polling.ErrorGracePeriod;
        if (polls >= 2 && context.Now - firstSeen >= grace)
        {
            var message = $"job {jobId} failed on the server: {serverMessage}";
            context.End(ReindexPhase.Failed, ConditionReasons.ServerReportedFailure, message);
            context.Event(EventSeverity.Warning, EventReasons.Failed, "Poll", message);
            return context.Finish(new ReindexStep.Done());
        }

        var remaining = Delays.Later(firstSeen, grace) - context.Now;
        var interval = Delays.PollInterval(context.Polling, context.Status.Polls, context.Observation.JitterSample);
        var next = remaining > TimeSpan.Zero && remaining < interval ? remaining : interval;
        context.Status = context.Status with
        {
            ServerError = new ServerErrorObservation { FirstSeen = firstSeen, Polls = polls, Message = ServerText.Sanitize(serverMessage) },
            NextAttemptTime = Delays.Later(context.Now, next),
        };
        var text = $"job {jobId}: the server reports an error it may still retry (HAPI shows ERRORED like FAILED); confirming over {GoDuration.Format(grace)}: {serverMessage}";
        context.SetPhase(ReindexPhase.Running, ConditionReasons.Running, text);
        context.Event(EventSeverity.Warning, EventReasons.Retrying, "Poll", text, EventCue.ServerErrorStarted);
        return context.Finish(new ReindexStep.Wait(next));
    }
}
