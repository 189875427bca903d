using FutReindexOperator.Admission;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Validation;

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
    public static ReindexDecision Decide(ReindexJob job, ReindexObservation observation, DateTimeOffset now, ReindexOperatorPolicy policy)
    {
        var decision = DecideOnce(job, observation, now, policy);
        if (WrittenLast(decision) is { Phase: { } phase } ended && phase.IsTerminal()
            && job.RerunToken is { } token && RerunTokens.Recorded(token) != ended.LastHandledRerun)
        {
            // The decision ended a run for which a rerun waits. The operator's own status write wakes nobody and an ended job
            // is not requeued, so the rerun starts now, decided on the status just written.
            var rerun = DecideOnce(WithStatus(job, ended), observation with { Submission = null, Poll = null }, now, policy);
            return new ReindexDecision([.. decision.Actions, .. rerun.Actions], rerun.Next) { Transitions = [.. decision.Transitions, .. rerun.Transitions] };
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

        RunGuards.StartRequestedRerun(context);
        RunGuards.NoteRefusedSpecChange(context);
        if (context.Phase.IsTerminal())
        {
            return context.Finish(new ReindexStep.Done());
        }

        if (!RunStates.MayHaveReachedServer(context.Status) && ReindexJobSpecValidator.Validate(job.Spec) is { Count: > 0 } errors)
        {
            return RunGuards.InvalidSpec(context, errors);
        }

        // An answer in hand is decided on first: a job id the POST brought is recorded (and a poll's end kept), and the
        // deadline ends the run at the next decision, naming the job that may still run on the server.
        if (observation.Submission is null && observation.Poll is null && RunGuards.DeadlinePassed(context))
        {
            return context.Finish(new ReindexStep.Done());
        }

        // Nothing is tried before the time set by the last poll or failure, however often the job is reconciled (a
        // requeue, a resync, or a change of its spec or annotations: its own status writes do not wake it).
        if (observation.Submission is null && observation.Poll is null && RunGuards.NotYet(context) is { } wait)
        {
            return context.Finish(new ReindexStep.Wait(wait));
        }

        if (context.Status.Submission is null && context.Status.StartTime is { } began)
        {
            // The marker is written with the run's start and kept until the run ends or a rerun starts another: a run
            // that began without one had it removed by hand, and its request (and job id) may be on the server.
            return RunGuards.InvalidStatus(context, $"status.submission is empty, but the run began at {began:u}, so a $reindex request of it may have reached the server and submitting again could run the reindex twice");
        }

        if (context.Status.StartTime is { } start && start - now > Delays.Longest)
        {
            // No clock of a replica is that far ahead: the deadline, which counts from here, would never pass.
            return RunGuards.InvalidStatus(context, $"status.startTime {start:u} is more than {GoDuration.Format(Delays.Longest)} in the future, so the run's deadline would never pass");
        }

        if (context.Status.Submission is { State: SubmissionState.Accepted } && context.Status.JobId is null)
        {
            // The operator records Accepted without a job id only as it ends the run Untrackable. A run still going
            // with it was changed by hand: the server took a request, so submitting again could run the reindex twice.
            return RunGuards.InvalidStatus(context, "status.submission.state is Accepted but status.jobId is empty in a run that has not ended");
        }

        if (RunStates.MayHaveReachedServer(context.Status) && context.Status.TargetBase is { } pinnedBase)
        {
            // The run's target is pinned where it was submitted: no spec edit or Service change redirects its polls,
            // which carry its credentials. A pinned base that is not a FHIR base was not written by the operator.
            return Uri.TryCreate(pinnedBase, UriKind.Absolute, out var pinnedUri) && FhirBase.TryCreate(pinnedUri, out var pinned)
                ? ReindexStateTable.Decide(context, pinned)
                : RunGuards.InvalidStatus(context, "status.targetBase is not an absolute http(s) URL without query, fragment or user information (it is not repeated here: it could hold credentials)");
        }

        switch (observation.Target)
        {
            case TargetObservation.Resolved resolved:
                context.Status = context.Status with { TargetBase = resolved.Base.ToString() };
                return ReindexStateTable.Decide(context, resolved.Base);
            case TargetObservation.Refused refused:
                return Retries.TargetRefused(context, refused.Message);
            case TargetObservation.NotFound notFound:
                return Retries.TargetNotFound(context, notFound.Message);
            default:
                throw new ArgumentException($"Unknown target observation {observation.Target}.", nameof(observation));
        }
    }
}
