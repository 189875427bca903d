using System.ComponentModel;

namespace FutReindexOperator.Model;

/// <summary>Where a ReindexJob is in its life cycle. The conditions carry the same facts for tools; the phase is for people.</summary>
[Description("Pending: not submitted yet (waiting for its turn on the target, for a Secret, or for the server). Submitting: a $reindex request is being sent. Queued, Running, Finalizing: the server's job has not started, is running, is writing its report. Succeeded: the server reported success (terminal). Failed: the server reported a failure, refused the request, or the deadline passed (terminal). Cancelled: the server reported the job cancelled (terminal). Lost: the server no longer knows the job id (purged, another server, or a database reset); the outcome is unknown (terminal). Untrackable: submitted to a server without a status operation (HAPI before 8.6.2); the outcome cannot be followed (terminal). Stalled: needs attention (invalid spec, refused credentials or permissions, an uncertain submission awaiting confirmation, or no progress for the stall timeout); the operator keeps retrying where that can help.")]
public enum ReindexPhase
{
    Pending,
    Submitting,
    Queued,
    Running,
    Finalizing,
    Succeeded,
    Failed,
    Cancelled,
    Lost,
    Untrackable,
    Stalled,
}
