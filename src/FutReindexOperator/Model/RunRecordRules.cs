namespace FutReindexOperator.Model;

/// <summary>
/// The CEL transition rules (<c>x-kubernetes-validations</c> reading <c>oldSelf</c>) by which the API server itself
/// refuses a status write that would make the operator forget a run's job id or submission marker: a hand edit
/// (<c>kubectl edit|patch|replace --subresource=status</c>) or a GitOps tool putting back a copy of the status taken
/// before the run's POST. The operator's guards catch such a status after the fact; these rules refuse the write.
/// </summary>
/// <remarks>
/// <para>A run is identified by <c>status.lastHandledRerun</c>: only a rerun changes it, and a rerun starts a new run.
/// Within one run (lastHandledRerun unchanged, also absent on both sides) no write of the operator removes or changes
/// the job id, removes the marker or lowers its attempt (a new attempt counts up; an end of run keeps both), or leaves
/// an ended phase. The operator changes lastHandledRerun only where its rerun guard abandons the run: when it ended,
/// when it is Stalled, or when no request of it may have reached the server (no job id, and no marker or one that is
/// NotSent; a marker without a state reads as Sending); or where no run was begun at all (it then records the token and
/// changes nothing else). <c>runGeneration</c> is no part of the identity: a copy taken before the first POST has none,
/// and comparing it would let that very copy through.</para>
/// <para>Each rule compares a few scalars: has() tests, two strings bounded by the schema's maxLength (256 each), an
/// enum and an integer, well under kube-apiserver's per-rule cost limit; the status node occurs once per object.
/// A null value of a nullable field reads as absent in has(), as kube-apiserver evaluates it.</para>
/// </remarks>
public static class RunRecordRules
{
    /// <summary>The old and new statuses are of one run: the same lastHandledRerun, or none on both sides.</summary>
    public const string SameRun =
        "(has(self.lastHandledRerun) == has(oldSelf.lastHandledRerun) && (!has(self.lastHandledRerun) || self.lastHandledRerun == oldSelf.lastHandledRerun))";

    /// <summary>On <c>.status</c>: a job id, once set, is neither removed nor changed within a run.</summary>
    public const string JobIdKept =
        "!has(oldSelf.jobId) || !" + SameRun + " || (has(self.jobId) && self.jobId == oldSelf.jobId)";

    public const string JobIdKeptMessage =
        "status.jobId cannot be removed or changed within a run: the job on the server would no longer be followed and the reindex could be submitted again. Set the annotation "
        + ReindexJob.RerunAnnotation + " to a new value to start a new run";

    /// <summary>On <c>.status</c>: a submission marker, once set, is not removed within a run, and its attempt does not go down (absent reads as 1).</summary>
    public const string MarkerKept =
        "!has(oldSelf.submission) || !" + SameRun
        + " || (has(self.submission) && (!has(oldSelf.submission.attempt) || (has(self.submission.attempt) && self.submission.attempt >= oldSelf.submission.attempt)))";

    public const string MarkerKeptMessage =
        "status.submission cannot be removed, nor its attempt lowered, within a run: a $reindex request of the run may have reached the server and would be submitted again. Set the annotation "
        + ReindexJob.RerunAnnotation + " to a new value to start a new run";

    /// <summary>The phases that end a run (<see cref="ReindexPhaseExtensions.IsTerminal"/>), as a CEL list.</summary>
    private const string EndedPhases = "['Succeeded', 'Failed', 'Cancelled', 'Lost', 'Untrackable']";

    /// <summary>
    /// On <c>.status</c>: an ended run stays ended (another ended phase is allowed). Setting an ended phase back, with the
    /// marker's state or the job id still in place, would have the operator take the run up again and, from a marker
    /// edited to NotSent, submit the reindex a second time. No write of the operator leaves an ended phase within a run:
    /// only its rerun does, and that changes lastHandledRerun. One exception: the write that records a job id the run
    /// had not, the answer to a POST that was under way when the phase was set to an ended one by hand; refusing it
    /// would lose the server's job id, and a run with a job id is polled, never submitted again.
    /// </summary>
    public const string EndKept =
        "!has(oldSelf.phase) || !(oldSelf.phase in " + EndedPhases + ") || !" + SameRun
        + " || (has(self.phase) && self.phase in " + EndedPhases + ") || (!has(oldSelf.jobId) && has(self.jobId))";

    public const string EndKeptMessage =
        "status.phase cannot leave an ended phase (Succeeded, Failed, Cancelled, Lost, Untrackable) within a run: the operator would take the ended run up again and could submit the reindex twice. Set the annotation "
        + ReindexJob.RerunAnnotation + " to a new value to start a new run";

    /// <summary>
    /// On <c>.status</c>: lastHandledRerun (the run's identity) changes only where the operator's rerun does: the run
    /// ended, is Stalled, none of its requests may have reached the server, or no run was begun (no startTime, marker or
    /// runGeneration: the rerun guard then only records the token). Without this, an edit that also changed
    /// lastHandledRerun would pass the two rules above.
    /// </summary>
    public const string RunKeptWhileUnderWay =
        SameRun
        + " || (has(oldSelf.phase) && (oldSelf.phase in " + EndedPhases + " || oldSelf.phase == 'Stalled'))"
        + " || (!has(oldSelf.jobId) && (!has(oldSelf.submission) || (has(oldSelf.submission.state) && oldSelf.submission.state == 'NotSent')))"
        + " || (!has(oldSelf.startTime) && !has(oldSelf.submission) && !has(oldSelf.runGeneration))";

    public const string RunKeptWhileUnderWayMessage =
        "status.lastHandledRerun cannot change while a $reindex request of the run may be on the server (status.jobId is set, or status.submission is Sending or Accepted) and the run has neither ended nor stalled. Set the annotation "
        + ReindexJob.RerunAnnotation + " to a new value: the operator starts the new run when this one ends";

    /// <summary>At the root: the whole status is not removed (a status replace without one) once it holds a job id or a marker.</summary>
    public const string StatusKept =
        "has(self.status) || !has(oldSelf.status) || (!has(oldSelf.status.jobId) && !has(oldSelf.status.submission))";

    public const string StatusKeptMessage =
        "status cannot be removed once it holds status.jobId or status.submission: a $reindex request of the run may have reached the server and would be submitted again. Set the annotation "
        + ReindexJob.RerunAnnotation + " to a new value to start a new run";
}
