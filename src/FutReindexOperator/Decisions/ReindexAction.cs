using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;

namespace FutReindexOperator.Decisions;

/// <summary>
/// The closed set of effects a decision asks the shell to carry out, in order, before its
/// <see cref="ReindexDecision.Next"/> step. Calls to the server are steps (<see cref="ReindexStep"/>), not actions.
/// </summary>
public abstract record ReindexAction
{
    private ReindexAction()
    {
    }

    /// <summary>
    /// Write <paramref name="Status"/> (phase Submitting, a new <see cref="SubmissionMarker"/>) with an optimistic lock on
    /// the job's resourceVersion. On a conflict the shell must stop carrying out this decision (nothing was sent) and
    /// reconcile again from the latest object.
    /// </summary>
    public sealed record WriteSubmissionMarker(ReindexJobStatus Status) : ReindexAction;

    /// <summary>
    /// Write <paramref name="Status"/> with the job id (or the end of an untrackable run) right after the POST, with an
    /// optimistic lock: it replaces the marker it was sent under and no other. A conflict whose status is still the one
    /// decided on (only spec or metadata moved) is retried by the writer; the answer is kept until a write records it.
    /// </summary>
    public sealed record RecordJobId(ReindexJobStatus Status) : ReindexAction;

    /// <summary>
    /// Write <paramref name="Status"/> as the job's whole status; asked for only when it differs from the status read
    /// (<see cref="StatusPatch"/>). Sent while this replica leads, with the optimistic lock when it changes the run's
    /// state (<see cref="StatusPatch.NeedsLock"/>), as a plain merge patch otherwise.
    /// </summary>
    public sealed record PatchStatus(ReindexJobStatus Status) : ReindexAction;

    /// <summary>Record an event about the job; <paramref name="Note"/> is at most 1 kB and free of secrets.</summary>
    public sealed record EmitEvent(EventSeverity Type, string Reason, string Action, string Note) : ReindexAction;

    /// <summary>Forget the cached token of <paramref name="Auth"/>'s credential, so that the next request obtains a new one.</summary>
    public sealed record InvalidateToken(AuthSpec Auth) : ReindexAction;
}
