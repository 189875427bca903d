using FutReindexOperator.Fhir;
using FutReindexOperator.Model;

namespace FutReindexOperator.Decisions;

/// <summary>
/// The closed set of effects a decision asks the shell to carry out, in order. A remote call
/// (<see cref="SubmitReindex"/>, <see cref="PollStatus"/>) is always the last action, and the decision's requeue is
/// then <see cref="ReindexRequeue.DecideAgain"/>: the shell performs the call, puts its outcome into the observation
/// and calls <see cref="ReindexDecider.Decide"/> again with the updated job.
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

    /// <summary>POST <c>$reindex</c> with <paramref name="Spec"/> to <paramref name="Target"/>, using the credentials of <paramref name="Spec"/>'s auth.</summary>
    public sealed record SubmitReindex(FhirBase Target, ReindexJobSpec Spec) : ReindexAction;

    /// <summary>Write <paramref name="Status"/> with the job id right after the POST; retried on conflicts (no lock), never dropped.</summary>
    public sealed record RecordJobId(ReindexJobStatus Status) : ReindexAction;

    /// <summary>
    /// GET <paramref name="PollPath"/> relative to <paramref name="Target"/> with the credentials of
    /// <paramref name="Auth"/>: the base and auth the run was submitted with, whatever the spec says now.
    /// </summary>
    public sealed record PollStatus(FhirBase Target, string PollPath, AuthSpec Auth) : ReindexAction;

    /// <summary>Write <paramref name="Status"/> as the job's whole status (merge patch, no lock).</summary>
    public sealed record PatchStatus(ReindexJobStatus Status) : ReindexAction;

    /// <summary>Record an event about the job; <paramref name="Note"/> is at most 1 kB and free of secrets.</summary>
    public sealed record EmitEvent(ReindexEventType Type, string Reason, string Action, string Note) : ReindexAction;

    /// <summary>Forget the cached token of <paramref name="Auth"/>'s credential, so that the next request obtains a new one.</summary>
    public sealed record InvalidateToken(AuthSpec Auth) : ReindexAction;
}
