using FutReindexOperator.Auth;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;

namespace FutReindexOperator.Decisions;
/// <summary>
/// The transitions that wait and try again: a target not found or refused, a refused token or permission, a transient
/// failure, unavailable credentials. Before submission the job waits in Pending; once on the server it keeps its phase.
/// </summary>
internal static class Retries
{
    internal const string RetryServerUnavailable = "ServerUnavailable";
    internal const string RetryTargetNotFound = "TargetNotFound";
    internal const string RetryCredentials = "Credentials";

    internal static ReindexDecision TargetRefused(DecisionContext context, string message)
    {
        context.SetPhase(ReindexPhase.Stalled, ConditionReasons.TargetRefused, message);
        context.Event(EventSeverity.Warning, EventReasons.TargetRefused, "ResolveTarget", message, EventCue.Entered);
        return context.Finish(new ReindexStep.Wait(context.Policy.RefusedRetryCap));
    }

    internal static ReindexDecision TargetNotFound(DecisionContext context, string message)
    {
        var count = NextRetryCount(context, RetryTargetNotFound);
        var delay = Delays.Backoff(context.Policy.RetryBase, context.Policy.RetryCap, count);
        SetRetry(context, RetryTargetNotFound, count, delay);
        if (RunStates.MayHaveReachedServer(context.Status))
        {
            context.SetPhase(context.Phase, context.Reason, $"{message}; retrying in {GoDuration.Format(delay)}");
        }
        else
        {
            context.SetPhase(ReindexPhase.Pending, ConditionReasons.WaitingForTarget, $"{message}; retrying in {GoDuration.Format(delay)}");
        }

        context.Event(EventSeverity.Warning, EventReasons.TargetNotFound, "ResolveTarget", message, EventCue.RetryStarted);
        return context.Finish(new ReindexStep.Wait(delay));
    }

    /// <summary>401: renew the token once (immediately), then Stalled with a long, capped backoff until the deadline.</summary>
    internal static ReindexDecision Unauthorized(DecisionContext context, string diagnostics, string action)
    {
        var renewedAlready = context.Status.Retry?.Reason == ConditionReasons.Unauthorized;
        var count = NextRetryCount(context, ConditionReasons.Unauthorized);
        if (!renewedAlready)
        {
            SetRetry(context, ConditionReasons.Unauthorized, count, TimeSpan.Zero);
            var renewing = $"the server refused the token (HTTP 401): {diagnostics}; renewing it and trying once more";
            KeepOrPend(context, ConditionReasons.Retrying, renewing);
            context.Event(EventSeverity.Warning, EventReasons.AuthenticationFailed, action, renewing, EventCue.RetryStarted);
            return context.Finish(new ReindexStep.Wait(TimeSpan.Zero), invalidateToken: true);
        }

        var delay = Delays.Backoff(context.Policy.RefusedRetryBase, context.Policy.RefusedRetryCap, count - 1);
        SetRetry(context, ConditionReasons.Unauthorized, count, delay);
        var message = $"the server refused the credentials even after renewing the token (HTTP 401): {diagnostics}; retrying in {GoDuration.Format(delay)}";
        context.SetPhase(ReindexPhase.Stalled, ConditionReasons.Unauthorized, message);
        context.Event(EventSeverity.Warning, EventReasons.AuthenticationFailed, action, message, EventCue.Entered);
        return context.Finish(new ReindexStep.Wait(delay), invalidateToken: true);
    }

    /// <summary>403 (FHIR or the mesh): Stalled with the reason, retried with a long, capped backoff until the deadline.</summary>
    internal static ReindexDecision Forbidden(DecisionContext context, string diagnostics, string action)
    {
        var count = NextRetryCount(context, ConditionReasons.Forbidden);
        var delay = Delays.Backoff(context.Policy.RefusedRetryBase, context.Policy.RefusedRetryCap, count);
        SetRetry(context, ConditionReasons.Forbidden, count, delay);
        var message = $"the server or mesh denied permission (HTTP 403): {diagnostics}; retrying in {GoDuration.Format(delay)}";
        context.SetPhase(ReindexPhase.Stalled, ConditionReasons.Forbidden, message);
        context.Event(EventSeverity.Warning, EventReasons.Forbidden, action, message, EventCue.RetryStarted);
        return context.Finish(new ReindexStep.Wait(delay));
    }

    internal static ReindexDecision Transient(DecisionContext context, string retryReason, string cause, string action)
    {
        var count = NextRetryCount(context, retryReason);
        var delay = Delays.WithJitter(Delays.Backoff(context.Policy.RetryBase, context.Policy.RetryCap, count), context.Polling.JitterPercent, context.Observation.JitterSample);
        SetRetry(context, retryReason, count, delay);
        var message = $"{cause}; retrying in {GoDuration.Format(delay)} (attempt {count})";
        KeepOrPend(context, ConditionReasons.Retrying, message);
        context.Event(EventSeverity.Warning, EventReasons.Retrying, action, message, EventCue.RetryStarted);
        return context.Finish(new ReindexStep.Wait(delay));
    }

    internal static ReindexDecision CredentialsUnavailable(DecisionContext context, CredentialFailure failure, string action)
    {
        if (failure.IsTransient)
        {
            return Transient(context, RetryCredentials, failure.Message, action);
        }

        var count = NextRetryCount(context, RetryCredentials);
        var waiting = failure.Problem == CredentialProblem.SecretMissing;
        var delay = waiting
            ? Delays.Backoff(context.Policy.RetryBase, context.Policy.RetryCap, count)
            : Delays.Backoff(context.Policy.RefusedRetryBase, context.Policy.RefusedRetryCap, count);
        SetRetry(context, RetryCredentials, count, delay);
        var message = $"{failure.Message}; retrying in {GoDuration.Format(delay)}";
        if (waiting)
        {
            KeepOrPend(context, ConditionReasons.WaitingForCredentials, message);
        }
        else
        {
            context.SetPhase(ReindexPhase.Stalled, ConditionReasons.CredentialsRefused, message);
        }

        context.Event(EventSeverity.Warning, EventReasons.AuthenticationFailed, action, failure.Message, EventCue.RetryStarted);
        return context.Finish(new ReindexStep.Wait(delay));
    }

    /// <summary>
    /// Before submission the job waits in Pending, unless an attempt of a run refused before went unanswered (not sent,
    /// a token to renew, credentials awaited): that run stays Stalled with its reason, since the refusal is not known to be
    /// gone (<see cref="RunStates.StalledByRefusal"/>). Once a job is on the server it keeps its phase.
    /// </summary>
    internal static void KeepOrPend(DecisionContext context, string reason, string message)
    {
        if (context.Status.JobId is null && context.Phase is ReindexPhase.Stalled && RunStates.IsRefusal(context.Reason))
        {
            context.SetPhase(ReindexPhase.Stalled, context.Reason, $"{message}; Stalled ({context.Reason}) until the server accepts a submission");
        }
        else if (context.Status.JobId is null)
        {
            context.SetPhase(ReindexPhase.Pending, reason, message);
        }
        else
        {
            var phase = context.Phase is ReindexPhase.Stalled ? ReindexPhase.Running : context.Phase;
            context.SetPhase(phase, context.Reason == ConditionReasons.NoProgress ? ConditionReasons.Running : context.Reason, message);
        }
    }

    /// <summary>The count after <paramref name="count"/>, which stays at int.MaxValue (a hand-edited status may start there) and is at least 1.</summary>
    internal static int Next(int count) => count >= int.MaxValue ? int.MaxValue : Math.Max(count, 0) + 1;

    internal static int NextRetryCount(DecisionContext context, string reason)
        => context.Status.Retry is { } retry && retry.Reason == reason ? Next(retry.Count) : 1;

    internal static void SetRetry(DecisionContext context, string reason, int count, TimeSpan delay)
    {
        var since = context.Status.Retry is { } retry && retry.Reason == reason ? retry.Since : context.Now;
        context.Status = context.Status with
        {
            Retry = new RetryState { Reason = reason, Count = count, Since = since },
            NextAttemptTime = Delays.Later(context.Now, delay),
        };
    }
}
