using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Validation;

namespace FutReindexOperator.Admission;

/// <summary>Another ReindexJob, as far as the per-target limit needs it.</summary>
/// <param name="Key">namespace/name, used in messages.</param>
/// <param name="CreatedAt">metadata.creationTimestamp: jobs start in this order.</param>
/// <param name="HoldsSlot">
/// A run of it may be active on the server: its status has a job id or a submission marker that is being sent or was
/// accepted, and the run has not ended.
/// </param>
/// <param name="IsWaiting">
/// It has not submitted its current run and can start now: not yet reconciled, or Pending for nothing but its turn,
/// with a valid spec. A job that cannot move (an invalid spec, even before its status says InvalidSpec; waiting for its
/// Secret or Service; retrying after a failure; Stalled) neither holds a slot nor stands in line for one: the jobs
/// behind it go first, and it takes its place in line again when it can move.
/// </param>
public sealed record PeerJob(string Key, DateTimeOffset CreatedAt, bool HoldsSlot, bool IsWaiting)
{
    /// <summary>Describes <paramref name="job"/> as a peer.</summary>
    public static PeerJob From(ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var status = job.Status;
        var ended = status?.Phase is { } phase && phase.IsTerminal();
        var holdsSlot = !ended && (status?.JobId is not null || status?.Submission is { State: SubmissionState.Sending or SubmissionState.Accepted });
        var waiting = !ended && !holdsSlot && CanStartNow(status) && ReindexJobSpecValidator.Validate(job.Spec).Count == 0;
        return new PeerJob(KeyOf(job), CreationTimeOf(job), holdsSlot, waiting);
    }

    private static bool CanStartNow(ReindexJobStatus? status)
    {
        if (status?.Phase is null)
        {
            return true;
        }

        var reason = status.Conditions.FirstOrDefault(condition => condition.Type == ReindexConditions.Ready)?.Reason;
        return status.Phase == ReindexPhase.Pending && reason is null or ConditionReasons.Pending or ConditionReasons.WaitingForTurn;
    }

    /// <summary>
    /// True when both jobs name the same FHIR base at spec level: the same Service (namespace defaulting to the job's
    /// own) and base path, compared as the server resolves it (<see cref="FhirBase.NormalizePath"/>: <c>/fhir/.</c>,
    /// <c>/x/../fhir</c> and <c>/fhir/</c> are <c>/fhir</c>). Ports and schemes are not compared: one FHIR server is one target.
    /// </summary>
    public static bool SameTarget(ReindexJob job, ReindexJob other)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(TargetOf(job), TargetOf(other), StringComparison.Ordinal);
    }

    /// <summary>The key of <paramref name="job"/> as peers and reservations name it: namespace/name.</summary>
    public static string KeyOf(ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return $"{job.Metadata.NamespaceProperty}/{job.Metadata.Name}";
    }

    /// <summary>
    /// The FHIR base <paramref name="job"/> names at spec level (see <see cref="SameTarget"/>): jobs with equal values share
    /// the per-target limit.
    /// </summary>
    public static string TargetOf(ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Spec.Target is not { } target)
        {
            // Only an invalid spec lacks a target; such a job is never admitted, so it shares a slot with nobody.
            return $"{KeyOf(job)} (no target)";
        }

        var targetNamespace = string.IsNullOrEmpty(target.Namespace) ? job.Metadata.NamespaceProperty : target.Namespace;
        return $"{targetNamespace}/{target.Service}{FhirBase.NormalizePath(target.BasePath)}";
    }

    /// <summary>The peers of <paramref name="job"/> among <paramref name="all"/>: the same target, not the job itself.</summary>
    public static IReadOnlyList<PeerJob> Of(ReindexJob job, IEnumerable<ReindexJob> all)
        => [.. all.Where(other => other.Metadata.Uid != job.Metadata.Uid && SameTarget(job, other)).Select(From)];

    internal static DateTimeOffset CreationTimeOf(ReindexJob job)
        => job.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
}
