using FutReindexOperator.Model;

namespace FutReindexOperator.Decisions;

/// <summary>
/// The state of a job's current run, as the decider sees it; <see cref="RunStates"/> computes it from the status.
/// The phase is what users see; the run state is what the decision turns on (docs/design/reconcile.md draws them).
/// </summary>
public enum RunState
{
    /// <summary>The operator has not written the job's status yet, or a rerun has just started a new run.</summary>
    NotStarted,

    /// <summary>Pending: waiting for its turn on the target, its Service or Secret, or a retry after a failure that sent nothing.</summary>
    Waiting,

    /// <summary>
    /// The submission marker is written and the POST is under way (the decision takes its outcome). The phase shows
    /// Submitting, or stays Stalled for the retry of a run refused before (<see cref="RunStates.StalledByRefusal"/>).
    /// </summary>
    Submitting,

    /// <summary>
    /// A POST may have reached the server without the operator learning a job id: it is sent again, or the job waits
    /// for the user's confirmation (submissionRecovery RequireConfirmation).
    /// </summary>
    Uncertain,

    /// <summary>The server gave a job id: the run is polled until it ends.</summary>
    Tracking,

    /// <summary>The run ended (Succeeded, Failed, Cancelled, Lost or Untrackable).</summary>
    Ended,

    /// <summary>The spec is invalid: nothing is sent until it changes.</summary>
    Invalid,

    /// <summary>
    /// Stuck before submission (a refused target, token, permission or credentials): retried slowly until the deadline,
    /// showing Stalled until an attempt is accepted or the run ends.
    /// </summary>
    Stalled,
}

/// <summary>A change of run state made by one decision (the two may be equal: the run stayed where it was).</summary>
public sealed record RunTransition(RunState From, RunState To);

/// <summary>Computes a run's state: the one place that reads it from the status.</summary>
public static class RunStates
{
    /// <summary>
    /// The state of the run in <paramref name="status"/>, as a decision given <paramref name="observation"/> starts from.
    /// A marker that is being sent is Submitting when the observation brings the POST's outcome, else Uncertain.
    /// </summary>
    public static RunState Of(ReindexJobStatus? status, ReindexObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return Of(status, postUnderWay: observation.Submission is not null);
    }

    /// <summary>
    /// The state of the run in a status a decision wrote; <paramref name="postFollows"/> when the decision's next step is
    /// the POST its marker was written for (the phase does not tell: a refused run's retry keeps showing Stalled).
    /// </summary>
    public static RunState Written(ReindexJobStatus status, bool postFollows)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Of(status, postUnderWay: postFollows);
    }

    /// <summary>A request may have reached the server in the current run, so the run's spec is fixed.</summary>
    public static bool MayHaveReachedServer(ReindexJobStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.JobId is not null || status.Submission is { State: SubmissionState.Sending or SubmissionState.Accepted };
    }

    /// <summary>
    /// Whether the run stands Stalled because its target, token, permission or credentials were refused before the
    /// server took a job. It shows Stalled until an attempt is accepted or the run ends: its retries write their marker,
    /// POST and answer without moving the phase or the conditions (a refusal again changes neither), so Argo CD, kstatus
    /// readers and <c>kubectl get -w</c> see one steady "needs attention" rather than a flap on every attempt.
    /// </summary>
    public static bool StalledByRefusal(ReindexJobStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status is { Phase: ReindexPhase.Stalled, JobId: null } && IsRefusal(ReasonOf(status));
    }

    /// <summary>Whether <paramref name="reason"/> names a refusal before the server took a job.</summary>
    internal static bool IsRefusal(string? reason)
        => reason is ConditionReasons.TargetRefused or ConditionReasons.Unauthorized or ConditionReasons.Forbidden or ConditionReasons.CredentialsRefused;

    private static RunState Of(ReindexJobStatus? status, bool postUnderWay) => status switch
    {
        null => RunState.NotStarted,
        { Phase: { } phase } when phase.IsTerminal() => RunState.Ended,
        { JobId: not null } => RunState.Tracking,
        { Submission.State: SubmissionState.Sending } => postUnderWay ? RunState.Submitting : RunState.Uncertain,
        { Phase: null } => RunState.NotStarted,
        { Phase: ReindexPhase.Stalled } when ReasonOf(status) == ConditionReasons.InvalidSpec => RunState.Invalid,
        { Phase: ReindexPhase.Stalled } => RunState.Stalled,
        _ => RunState.Waiting,
    };

    private static string? ReasonOf(ReindexJobStatus status)
        => status.Conditions.FirstOrDefault(condition => condition.Type == ReindexConditions.Ready)?.Reason;
}
