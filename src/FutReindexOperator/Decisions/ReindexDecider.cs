using FutReindexOperator.Auth;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Validation;
using k8s;

namespace FutReindexOperator.Decisions;

/// <summary>
/// The reconcile decision for a ReindexJob as a pure function of the job, what the shell observed, the time and the
/// operator's policy. The shell does only I/O (<see cref="ReindexRun"/> drives it):
/// <list type="number">
/// <item>read the job from the cache; resolve its target (<c>TargetResolver</c>), the slots reserved on it in this process
/// (<see cref="ReindexObservation.ReservedSlots"/>, read before the cache) and its peers (<see cref="PeerJob.Of"/>);
/// draw a jitter sample; read the time once per decision;</item>
/// <item>call <see cref="Decide"/> and carry out the actions in order: status writes (a conflict on
/// <see cref="ReindexAction.WriteSubmissionMarker"/> ends the reconcile without sending anything, and so does a slot
/// reservation that fails because another job was admitted to the target since the reservations were read), events,
/// token invalidation;</item>
/// <item>take the next step: a call to the server (<see cref="ReindexStep.Submit"/>, <see cref="ReindexStep.Poll"/>)
/// is performed and its outcome decided on, with the job as the status writes returned it; a wait or done ends the
/// reconcile.</item>
/// </list>
/// A request may have reached the server from the moment the marker is written, so one generation or rerun leads to
/// one POST, except where <see cref="SubmissionRecoveryPolicy.Resubmit"/> knowingly accepts a possible duplicate.
/// </summary>
public static class ReindexDecider
{
    private const string RetryServerUnavailable = "ServerUnavailable";
    private const string RetryTargetNotFound = "TargetNotFound";
    private const string RetryCredentials = "Credentials";

    public static ReindexDecision Decide(ReindexJob job, ReindexObservation observation, DateTimeOffset now, ReindexOperatorPolicy policy)
    {
        var decision = DecideOnce(job, observation, now, policy);
        if (WrittenLast(decision) is { Phase: { } phase } ended && phase.IsTerminal()
            && job.RerunToken is { } token && RerunTokens.Recorded(token) != ended.LastHandledRerun)
        {
            // The decision ended a run for which a rerun waits. A status-only change wakes nobody and an ended job is not
            // requeued, so the rerun starts now, decided on the status just written.
            var rerun = DecideOnce(WithStatus(job, ended), observation with { Submission = null, Poll = null }, now, policy);
            return new ReindexDecision([.. decision.Actions, .. rerun.Actions], rerun.Next);
        }

        return decision;
    }

    private static ReindexJobStatus? WrittenLast(ReindexDecision decision) => decision.Actions.Select(action => action switch
    {
        ReindexAction.WriteSubmissionMarker marker => marker.Status,
        ReindexAction.RecordJobId record => record.Status,
        ReindexAction.PatchStatus patch => patch.Status,
        _ => null,
    }).LastOrDefault(status => status is not null);

    private static ReindexJob WithStatus(ReindexJob job, ReindexJobStatus status)
        => new() { ApiVersion = job.ApiVersion, Kind = job.Kind, Metadata = job.Metadata, Spec = job.Spec, Status = status };

    private static ReindexDecision DecideOnce(ReindexJob job, ReindexObservation observation, DateTimeOffset now, ReindexOperatorPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(policy);
        if (observation.Submission is not null && job.Status?.Submission is not { State: SubmissionState.Sending })
        {
            throw new ArgumentException("A submission outcome must be decided with the job returned by the marker write, whose submission is Sending.", nameof(observation));
        }

        if (observation.Poll is not null && job.Status?.JobId is null)
        {
            throw new ArgumentException("A poll outcome must be decided with a job that has a job id.", nameof(observation));
        }

        var context = new DecisionContext(job, observation, now, policy);
        if (context.Status.Phase is null)
        {
            context.SetPhase(ReindexPhase.Pending, ConditionReasons.Pending, "accepted by the operator");
        }

        StartRequestedRerun(context);
        NoteRefusedSpecChange(context);
        if (context.Phase.IsTerminal())
        {
            return context.Finish(new ReindexStep.Done());
        }

        if (!MayHaveReachedServer(context.Status) && ReindexJobSpecValidator.Validate(job.Spec) is { Count: > 0 } errors)
        {
            return InvalidSpec(context, errors);
        }

        if (DeadlinePassed(context))
        {
            return context.Finish(new ReindexStep.Done());
        }

        // Nothing is tried before the time set by the last poll or failure, however often the job is reconciled
        // (each status write triggers a reconcile of its own).
        if (observation.Submission is null && observation.Poll is null && NotYet(context) is { } wait)
        {
            return context.Finish(new ReindexStep.Wait(wait));
        }

        if (context.Status.Submission is { State: SubmissionState.Accepted } && context.Status.JobId is null)
        {
            // The operator records Accepted without a job id only as it ends the run Untrackable. A run still going
            // with it was changed by hand: the server took a request, so submitting again could run the reindex twice.
            return InvalidStatus(context, "status.submission.state is Accepted but status.jobId is empty in a run that has not ended");
        }

        FhirBase target;
        if (MayHaveReachedServer(context.Status) && context.Status.TargetBase is { } pinnedBase)
        {
            // The run's target is pinned where it was submitted: no spec edit or Service change redirects its polls,
            // which carry its credentials. A pinned base that is not a FHIR base was not written by the operator.
            if (!Uri.TryCreate(pinnedBase, UriKind.Absolute, out var pinnedUri) || !FhirBase.TryCreate(pinnedUri, out var pinned))
            {
                return InvalidStatus(context, "status.targetBase is not an absolute http(s) URL without query, fragment or user information (it is not repeated here: it could hold credentials)");
            }

            target = pinned;
        }
        else
        {
            switch (observation.Target)
            {
                case TargetObservation.Resolved resolved:
                    target = resolved.Base;
                    context.Status = context.Status with { TargetBase = target.ToString() };
                    break;
                case TargetObservation.Refused refused:
                    return TargetRefused(context, refused.Message);
                case TargetObservation.NotFound notFound:
                    return TargetNotFound(context, notFound.Message);
                default:
                    throw new ArgumentException($"Unknown target observation {observation.Target}.", nameof(observation));
            }
        }

        if (context.Status.JobId is { } jobId)
        {
            return Track(context, target, jobId);
        }

        if (context.Status.Submission is { State: SubmissionState.Sending })
        {
            return observation.Submission is { } outcome
                ? AfterSubmission(context, outcome)
                : UncertainSubmission(context, target, cause: null);
        }

        return Submit(context, target);
    }

    /// <summary>A request may have reached the server in the current run, so the run's spec is fixed.</summary>
    private static bool MayHaveReachedServer(ReindexJobStatus status)
        => status.JobId is not null || status.Submission is { State: SubmissionState.Sending or SubmissionState.Accepted };

    private static void StartRequestedRerun(DecisionContext context)
    {
        var token = context.Job.RerunToken;
        var status = context.Status;
        if (token is null || RerunTokens.Recorded(token) == status.LastHandledRerun)
        {
            return;
        }

        var recorded = RerunTokens.Recorded(token);
        var shown = RerunTokens.Shown(token);
        var hadRun = status.StartTime is not null || status.Submission is not null || status.RunGeneration is not null;
        if (!hadRun)
        {
            context.Status = status with { LastHandledRerun = recorded };
            return;
        }

        // A run that is moving is finished first; a Stalled one (awaiting confirmation, hung, refused) is abandoned at once.
        var abandoned = !context.Phase.IsTerminal();
        if (abandoned && MayHaveReachedServer(status) && context.Phase != ReindexPhase.Stalled)
        {
            context.NoteInMessage($"Rerun '{shown}' starts when this run ends.");
            return;
        }

        var previous = $"{context.Phase}{(status.JobId is null ? "" : $", job {status.JobId}")}"
            + (abandoned && status.JobId is not null ? "; HAPI has no cancel operation, so that job may still run on the server" : "");
        var hashed = RerunTokens.IsRecordedAsIs(token)
            ? ""
            : $" The annotation {ReindexJob.RerunAnnotation} has {token.Length} characters, more than the {RerunTokens.MaxRecordedLength} status.lastHandledRerun holds, so its SHA-256 hash is recorded there.";
        context.Status = new ReindexJobStatus { LastHandledRerun = recorded, Conditions = status.Conditions };
        context.SetPhase(ReindexPhase.Pending, ConditionReasons.Pending, $"rerun '{shown}' requested");
        context.Event(EventSeverity.Normal, EventReasons.RerunStarted, "Rerun", $"Starting a new run for rerun '{shown}' (previous run: {previous}).{hashed}");
    }

    private static void NoteRefusedSpecChange(DecisionContext context)
    {
        var status = context.Status;
        if (status.RunGeneration is not { } runGeneration || runGeneration == context.Generation
            || !(context.Phase.IsTerminal() || MayHaveReachedServer(status)))
        {
            return;
        }

        var note = $"The spec changed (generation {context.Generation}) after generation {runGeneration} was submitted; the change is ignored. Set the annotation {ReindexJob.RerunAnnotation} to a new value to run the new spec.";
        context.NoteInMessage(note);
        if (context.Original.ObservedGeneration != context.Generation)
        {
            context.Event(EventSeverity.Warning, EventReasons.SpecChangeRejected, "Reconcile", note);
        }
    }

    private static ReindexDecision InvalidSpec(DecisionContext context, IReadOnlyList<SpecError> errors)
    {
        var message = "invalid spec: " + string.Join("; ", errors);
        context.SetPhase(ReindexPhase.Stalled, ConditionReasons.InvalidSpec, message);
        context.Status = context.Status with { NextAttemptTime = null, Retry = null };
        if (context.IsTransition || context.Original.Message != context.Status.Message)
        {
            context.Event(EventSeverity.Warning, EventReasons.InvalidSpec, "Validate", message);
        }

        return context.Finish(new ReindexStep.Done());
    }

    private static bool DeadlinePassed(DecisionContext context)
    {
        if (context.Status.StartTime is not { } start || context.Now - start < context.Polling.Deadline)
        {
            return false;
        }

        var jobId = context.Status.JobId;
        var message = $"the job did not end within its deadline of {GoDuration.Format(context.Polling.Deadline)}"
            + (jobId is null ? "" : $"; HAPI has no cancel operation, so job {jobId} may still run on the server");
        context.End(ReindexPhase.Failed, ConditionReasons.DeadlineExceeded, message);
        context.Event(EventSeverity.Warning, EventReasons.Failed, "Reconcile", message);
        return true;
    }

    private static ReindexDecision TargetRefused(DecisionContext context, string message)
    {
        context.SetPhase(ReindexPhase.Stalled, ConditionReasons.TargetRefused, message);
        if (context.IsTransition)
        {
            context.Event(EventSeverity.Warning, EventReasons.TargetRefused, "ResolveTarget", message);
        }

        return context.Finish(new ReindexStep.Wait(context.Policy.RefusedRetryCap));
    }

    private static ReindexDecision TargetNotFound(DecisionContext context, string message)
    {
        var count = NextRetryCount(context, RetryTargetNotFound);
        var delay = Delays.Backoff(context.Policy.RetryBase, context.Policy.RetryCap, count);
        SetRetry(context, RetryTargetNotFound, count, delay);
        if (MayHaveReachedServer(context.Status))
        {
            context.SetPhase(context.Phase, context.Reason, $"{message}; retrying in {GoDuration.Format(delay)}");
        }
        else
        {
            context.SetPhase(ReindexPhase.Pending, ConditionReasons.WaitingForTarget, $"{message}; retrying in {GoDuration.Format(delay)}");
        }

        if (count == 1)
        {
            context.Event(EventSeverity.Warning, EventReasons.TargetNotFound, "ResolveTarget", message);
        }

        return context.Finish(new ReindexStep.Wait(delay));
    }

    private static ReindexDecision Submit(DecisionContext context, FhirBase target)
    {
        if (WaitForTurn(context) is { } blocked)
        {
            return blocked;
        }

        var previous = context.Status.Submission;
        var attempt = Next(previous?.Attempt ?? 0);
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
        context.SetPhase(ReindexPhase.Submitting, ConditionReasons.Submitting, $"submitting $reindex to {target} (attempt {attempt})");
        return context.Finish(new ReindexStep.Submit(target, context.Spec), StatusWrite.SubmissionMarker);
    }

    /// <summary>Null when the job may start now on its target; otherwise the decision to wait in Pending.</summary>
    private static ReindexDecision? WaitForTurn(DecisionContext context)
    {
        var peers = context.Observation.Peers;
        var reserved = context.Observation.ReservedSlots.Where(key => key != context.JobKey).ToHashSet(StringComparer.Ordinal);
        var running = peers
            .Where(peer => peer.HoldsSlot || reserved.Contains(peer.Key))
            .OrderBy(peer => peer.CreatedAt).ThenBy(peer => peer.Key, StringComparer.Ordinal)
            .Select(peer => peer.Key)
            .Concat(reserved.Where(key => !peers.Any(peer => peer.Key == key)).Order(StringComparer.Ordinal))
            .ToList();
        var createdAt = PeerJob.CreationTimeOf(context.Job);
        var ahead = peers
            .Where(peer => peer.IsWaiting && !reserved.Contains(peer.Key))
            .Where(peer => peer.CreatedAt < createdAt || (peer.CreatedAt == createdAt && string.CompareOrdinal(peer.Key, context.JobKey) < 0))
            .OrderBy(peer => peer.CreatedAt).ThenBy(peer => peer.Key, StringComparer.Ordinal)
            .ToList();
        var free = context.Policy.MaxRunningPerTarget - running.Count;
        if (free > ahead.Count)
        {
            return null;
        }

        var message = running.Count >= context.Policy.MaxRunningPerTarget
            ? $"waiting for {running[0]} to finish on the same FHIR base ({running.Count} running, at most {context.Policy.MaxRunningPerTarget})"
            : $"waiting for {ahead[0].Key}, created earlier, to start on the same FHIR base";
        context.SetPhase(ReindexPhase.Pending, ConditionReasons.WaitingForTurn, message);
        // Once per transition into waiting: who is ahead changes often while the state does not (the message says it).
        if (context.IsTransition)
        {
            context.Event(EventSeverity.Normal, EventReasons.Waiting, "Schedule", message);
        }

        return context.Finish(new ReindexStep.Wait(context.Policy.WaitingRecheck));
    }

    private static ReindexDecision AfterSubmission(DecisionContext context, SubmitOutcome outcome)
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
                return Unauthorized(context, unauthorized.Diagnostics, "Submit");
            case SubmitOutcome.Forbidden forbidden:
                context.Status = context.Status with { Submission = marker with { State = SubmissionState.NotSent } };
                return Forbidden(context, forbidden.Diagnostics, "Submit");
            case SubmitOutcome.NotSent notSent:
                context.Status = context.Status with { Submission = marker with { State = SubmissionState.NotSent } };
                return Transient(context, RetryServerUnavailable, $"could not submit: {notSent.Cause}", "Submit");
            case SubmitOutcome.MaybeSent maybeSent:
                return UncertainSubmission(context, target: null, maybeSent.Cause);
            case SubmitOutcome.CredentialsUnavailable credentials:
                context.Status = context.Status with { Submission = marker with { State = SubmissionState.NotSent } };
                return CredentialsUnavailable(context, credentials.Failure, "Submit");
            default:
                throw new ArgumentException($"Unknown submit outcome {outcome}.", nameof(outcome));
        }
    }

    private static ReindexDecision Accepted(DecisionContext context, SubmissionMarker marker, SubmitOutcome.Accepted accepted)
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
    private static ReindexDecision UncertainSubmission(DecisionContext context, FhirBase? target, string? cause)
    {
        var marker = context.Status.Submission!;
        var what = cause is null
            ? $"attempt {marker.Attempt} (begun {marker.StartedAt:u}) may have reached the server, but no job id was recorded (the operator stopped in between)"
            : $"attempt {marker.Attempt} may have reached the server: {cause}";
        if (context.Spec.SubmissionRecovery == SubmissionRecoveryPolicy.RequireConfirmation)
        {
            var message = $"{what}. HAPI does not de-duplicate jobs: check the server, then set the annotation {ReindexJob.RerunAnnotation} to a new value to submit again (submissionRecovery RequireConfirmation)";
            context.SetPhase(ReindexPhase.Stalled, ConditionReasons.SubmissionUncertain, message);
            context.Status = context.Status with { NextAttemptTime = null, Retry = null };
            if (context.IsTransition)
            {
                context.Event(EventSeverity.Warning, EventReasons.DuplicatePossible, "Submit", message);
            }

            return context.Finish(new ReindexStep.Done());
        }

        if (target is null)
        {
            var count = NextRetryCount(context, RetryServerUnavailable);
            var delay = Delays.WithJitter(Delays.Backoff(context.Policy.RetryBase, context.Policy.RetryCap, count), context.Polling.JitterPercent, context.Observation.JitterSample);
            SetRetry(context, RetryServerUnavailable, count, delay);
            context.Status = context.Status with { Submission = marker with { DuplicatePossible = true } };
            var message = $"{what}; submitting again in {GoDuration.Format(delay)} (submissionRecovery Resubmit), so the server may run this reindex twice";
            context.SetPhase(ReindexPhase.Pending, ConditionReasons.Retrying, message);
            context.Event(EventSeverity.Warning, EventReasons.Retrying, "Submit", message);
            return context.Finish(new ReindexStep.Wait(delay));
        }

        if (context.Status.RunGeneration is { } runGeneration && runGeneration != context.Generation)
        {
            // The spec the run submitted is gone: sending the edited one would not be the same request again.
            var message = $"{what}. The spec changed (generation {context.Generation}) after generation {runGeneration} was submitted, so the submitted request cannot be sent again; check the server, then set the annotation {ReindexJob.RerunAnnotation} to a new value to run the current spec";
            context.SetPhase(ReindexPhase.Stalled, ConditionReasons.SubmissionUncertain, message);
            context.Status = context.Status with { NextAttemptTime = null, Retry = null };
            if (context.IsTransition)
            {
                context.Event(EventSeverity.Warning, EventReasons.DuplicatePossible, "Submit", message);
            }

            return context.Finish(new ReindexStep.Done());
        }

        var next = new SubmissionMarker { Attempt = Next(marker.Attempt), StartedAt = context.Now, State = SubmissionState.Sending, DuplicatePossible = true };
        context.Status = context.Status with { Submission = next, NextAttemptTime = null, RunGeneration = context.Status.RunGeneration ?? context.Generation };
        context.SetPhase(ReindexPhase.Submitting, ConditionReasons.Submitting, $"submitting $reindex to {target} again (attempt {next.Attempt}); a duplicate job is possible");
        context.Event(EventSeverity.Warning, EventReasons.DuplicatePossible, "Submit",
            $"{what}. Submitting again (attempt {next.Attempt}, submissionRecovery Resubmit): the server may run this reindex twice.");
        return context.Finish(new ReindexStep.Submit(target, context.Spec), StatusWrite.SubmissionMarker);
    }

    private static ReindexDecision Track(DecisionContext context, FhirBase target, string jobId)
    {
        if (!PollPaths.IsUsableJobId(jobId))
        {
            return InvalidStatus(context, $"status.jobId '{ServerText.Sanitize(jobId, 80)}' is not a job id the operator recorded (blank, or with whitespace or control characters)");
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
            context.Status = context.Status with { Polls = Next(context.Status.Polls), LastPollTime = context.Now, PollPath = pollPath };
            return AfterPoll(context, jobId, outcome);
        }

        return context.Finish(new ReindexStep.Poll(target, pollPath, context.RunAuth));
    }

    /// <summary>A value of the run read back from status cannot have been written by the operator: the run ends Failed, naming it.</summary>
    private static ReindexDecision InvalidStatus(DecisionContext context, string what)
    {
        var message = $"{what}; the status was changed by hand, so the run cannot go on. Set the annotation {ReindexJob.RerunAnnotation} to a new value to run the job again";
        context.End(ReindexPhase.Failed, ConditionReasons.InvalidStatus, message);
        context.Event(EventSeverity.Warning, EventReasons.InvalidStatus, "Reconcile", message);
        return context.Finish(new ReindexStep.Done());
    }

    /// <summary>
    /// The server took the job but offers no way to follow it: the run ends Failed in its conditions (so that waiting
    /// tools and Argo CD see an end that is not a success) and the message sends the administrator to the server.
    /// </summary>
    private static ReindexDecision Untrackable(DecisionContext context, string what, string action, StatusWrite write)
    {
        var message = $"{what}. Whether the reindex succeeded is unknown: check it on the server by hand (its logs).";
        context.End(ReindexPhase.Untrackable, ConditionReasons.StatusUnavailable, message);
        context.Event(EventSeverity.Warning, EventReasons.Untrackable, action, message);
        return context.Finish(new ReindexStep.Done(), write);
    }

    private static ReindexDecision AfterPoll(DecisionContext context, string jobId, PollOutcome outcome)
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
                {
                    var message = $"job {jobId} was cancelled on the server: {cancelled.Text}";
                    context.End(ReindexPhase.Cancelled, ConditionReasons.Cancelled, message);
                    context.Event(EventSeverity.Warning, EventReasons.Cancelled, "Poll", message);
                    return context.Finish(new ReindexStep.Done());
                }

            case PollOutcome.FailedOrErrored failed:
                return FailedOrErrored(context, jobId, failed.Message);
            case PollOutcome.Lost lost:
                {
                    var message = $"the server does not know job {jobId} (purged, another server or partition, or a database reset); its outcome is unknown: {lost.Diagnostics}";
                    context.End(ReindexPhase.Lost, ConditionReasons.JobLost, message);
                    context.Event(EventSeverity.Warning, EventReasons.Lost, "Poll", message);
                    return context.Finish(new ReindexStep.Done());
                }

            case PollOutcome.Rejected rejected:
                {
                    var message = $"the server refused the status request for job {jobId} (HTTP {rejected.StatusCode}): {rejected.Diagnostics}";
                    context.End(ReindexPhase.Failed, ConditionReasons.ServerRejected, message);
                    context.Event(EventSeverity.Warning, EventReasons.Failed, "Poll", message);
                    return context.Finish(new ReindexStep.Done());
                }

            case PollOutcome.StatusUnsupported unsupported:
                return Untrackable(
                    context, $"job {jobId} was submitted, but the server has no status operation, so the outcome cannot be followed: {unsupported.Diagnostics}", "Poll", StatusWrite.Patch);

            case PollOutcome.Unauthorized unauthorized:
                return Unauthorized(context, unauthorized.Diagnostics, "Poll");
            case PollOutcome.Forbidden forbidden:
                return Forbidden(context, forbidden.Diagnostics, "Poll");
            case PollOutcome.Transient transient:
                return Transient(context, RetryServerUnavailable, $"could not get the job's state: {transient.Cause}", "Poll");
            case PollOutcome.CredentialsUnavailable credentials:
                return CredentialsUnavailable(context, credentials.Failure, "Poll");
            default:
                throw new ArgumentException($"Unknown poll outcome {outcome}.", nameof(outcome));
        }
    }

    private static ReindexDecision Progress(DecisionContext context, string jobId, PollOutcome.Progress progress)
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
            if (context.IsTransition)
            {
                context.Event(EventSeverity.Warning, EventReasons.Stalled, "Poll", message);
            }

            return context.Finish(new ReindexStep.Wait(interval));
        }

        var (phase, reason) = progress.State switch
        {
            ServerJobState.Queued => (ReindexPhase.Queued, ConditionReasons.Queued),
            ServerJobState.Finalizing => (ReindexPhase.Finalizing, ConditionReasons.Finalizing),
            _ => (ReindexPhase.Running, ConditionReasons.Running),
        };
        context.SetPhase(phase, reason, $"job {jobId}: {progress.Text}");
        if (context.IsTransition && phase != ReindexPhase.Queued)
        {
            context.Event(EventSeverity.Normal, EventReasons.Running, "Poll", $"Job {jobId}: {progress.Text}.");
        }

        return context.Finish(new ReindexStep.Wait(interval));
    }

    /// <summary>HAPI's ERRORED (retryable) looks exactly like FAILED: Failed only after ≥2 polls spanning the grace period.</summary>
    private static ReindexDecision FailedOrErrored(DecisionContext context, string jobId, string serverMessage)
    {
        var previous = context.Status.ServerError;
        var polls = Next(previous?.Polls ?? 0);
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
        if (polls == 1)
        {
            context.Event(EventSeverity.Warning, EventReasons.Retrying, "Poll", text);
        }

        return context.Finish(new ReindexStep.Wait(next));
    }

    /// <summary>401: renew the token once (immediately), then Stalled with a long, capped backoff until the deadline.</summary>
    private static ReindexDecision Unauthorized(DecisionContext context, string diagnostics, string action)
    {
        var renewedAlready = context.Status.Retry?.Reason == ConditionReasons.Unauthorized;
        var count = NextRetryCount(context, ConditionReasons.Unauthorized);
        if (!renewedAlready)
        {
            SetRetry(context, ConditionReasons.Unauthorized, count, TimeSpan.Zero);
            var renewing = $"the server refused the token (HTTP 401): {diagnostics}; renewing it and trying once more";
            KeepOrPend(context, ConditionReasons.Retrying, renewing);
            context.Event(EventSeverity.Warning, EventReasons.AuthenticationFailed, action, renewing);
            return context.Finish(new ReindexStep.Wait(TimeSpan.Zero), invalidateToken: true);
        }

        var delay = Delays.Backoff(context.Policy.RefusedRetryBase, context.Policy.RefusedRetryCap, count - 1);
        SetRetry(context, ConditionReasons.Unauthorized, count, delay);
        var message = $"the server refused the credentials even after renewing the token (HTTP 401): {diagnostics}; retrying in {GoDuration.Format(delay)}";
        context.SetPhase(ReindexPhase.Stalled, ConditionReasons.Unauthorized, message);
        if (count == 2)
        {
            context.Event(EventSeverity.Warning, EventReasons.AuthenticationFailed, action, message);
        }

        return context.Finish(new ReindexStep.Wait(delay), invalidateToken: true);
    }

    /// <summary>403 (FHIR or the mesh): Stalled with the reason, retried with a long, capped backoff until the deadline.</summary>
    private static ReindexDecision Forbidden(DecisionContext context, string diagnostics, string action)
    {
        var count = NextRetryCount(context, ConditionReasons.Forbidden);
        var delay = Delays.Backoff(context.Policy.RefusedRetryBase, context.Policy.RefusedRetryCap, count);
        SetRetry(context, ConditionReasons.Forbidden, count, delay);
        var message = $"the server or mesh denied permission (HTTP 403): {diagnostics}; retrying in {GoDuration.Format(delay)}";
        context.SetPhase(ReindexPhase.Stalled, ConditionReasons.Forbidden, message);
        if (count == 1)
        {
            context.Event(EventSeverity.Warning, EventReasons.Forbidden, action, message);
        }

        return context.Finish(new ReindexStep.Wait(delay));
    }

    private static ReindexDecision Transient(DecisionContext context, string retryReason, string cause, string action)
    {
        var count = NextRetryCount(context, retryReason);
        var delay = Delays.WithJitter(Delays.Backoff(context.Policy.RetryBase, context.Policy.RetryCap, count), context.Polling.JitterPercent, context.Observation.JitterSample);
        SetRetry(context, retryReason, count, delay);
        var message = $"{cause}; retrying in {GoDuration.Format(delay)} (attempt {count})";
        KeepOrPend(context, ConditionReasons.Retrying, message);
        if (count == 1)
        {
            context.Event(EventSeverity.Warning, EventReasons.Retrying, action, message);
        }

        return context.Finish(new ReindexStep.Wait(delay));
    }

    private static ReindexDecision CredentialsUnavailable(DecisionContext context, CredentialFailure failure, string action)
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

        if (count == 1)
        {
            context.Event(EventSeverity.Warning, EventReasons.AuthenticationFailed, action, failure.Message);
        }

        return context.Finish(new ReindexStep.Wait(delay));
    }

    /// <summary>Before submission the job waits in Pending; once a job is on the server it keeps its phase.</summary>
    private static void KeepOrPend(DecisionContext context, string reason, string message)
    {
        if (context.Status.JobId is null)
        {
            context.SetPhase(ReindexPhase.Pending, reason, message);
        }
        else
        {
            var phase = context.Phase is ReindexPhase.Stalled ? ReindexPhase.Running : context.Phase;
            context.SetPhase(phase, context.Reason == ConditionReasons.NoProgress ? ConditionReasons.Running : context.Reason, message);
        }
    }

    /// <summary>
    /// The time left before the next call to the server may be made, or null when it may be made now. A time further
    /// away than any delay the decision sets (<see cref="Delays.Longest"/>) was not written by it (a hand-edited status,
    /// or a clock that jumped back): the call is made now rather than never.
    /// </summary>
    private static TimeSpan? NotYet(DecisionContext context)
    {
        if (context.Status.NextAttemptTime is not { } next || next <= context.Now || next - context.Now > Delays.Longest)
        {
            return null;
        }

        var wait = next - context.Now;
        if (context.Status.StartTime is { } start)
        {
            var untilDeadline = Delays.Later(start, context.Polling.Deadline) - context.Now;
            wait = untilDeadline < wait ? untilDeadline : wait;
        }

        return wait;
    }

    /// <summary>The count after <paramref name="count"/>, which stays at int.MaxValue (a hand-edited status may start there) and is at least 1.</summary>
    private static int Next(int count) => count >= int.MaxValue ? int.MaxValue : Math.Max(count, 0) + 1;

    private static int NextRetryCount(DecisionContext context, string reason)
        => context.Status.Retry is { } retry && retry.Reason == reason ? Next(retry.Count) : 1;

    private static void SetRetry(DecisionContext context, string reason, int count, TimeSpan delay)
    {
        var since = context.Status.Retry is { } retry && retry.Reason == reason ? retry.Since : context.Now;
        context.Status = context.Status with
        {
            Retry = new RetryState { Reason = reason, Count = count, Since = since },
            NextAttemptTime = Delays.Later(context.Now, delay),
        };
    }
}
