using FutReindexOperator.Admission;
using FutReindexOperator.Fhir;

namespace FutReindexOperator.Decisions;

/// <summary>
/// Everything the shell observed for one decision, as values. <see cref="Submission"/> and <see cref="Poll"/> are set
/// only on the decision that follows the shell performing a <see cref="ReindexStep.Submit"/> or
/// <see cref="ReindexStep.Poll"/>.
/// </summary>
public sealed record ReindexObservation
{
    /// <summary>The FHIR base resolved for the job's target, or why there is none.</summary>
    public required TargetObservation Target { get; init; }

    /// <summary>The other ReindexJobs on the same FHIR base (see <see cref="PeerJob.SameTarget"/>), from the cache.</summary>
    public IReadOnlyList<PeerJob> Peers { get; init; } = [];

    /// <summary>
    /// The keys (namespace/name) of the jobs on the same FHIR base that this operator process admitted for submission and
    /// whose marker or job id <see cref="Peers"/> may not show yet (the cache lags behind the writes): each holds a slot.
    /// </summary>
    public IReadOnlyCollection<string> ReservedSlots { get; init; } = [];

    /// <summary>The outcome of the <c>$reindex</c> POST the shell just performed.</summary>
    public SubmitOutcome? Submission { get; init; }

    /// <summary>The outcome of the status GET the shell just performed.</summary>
    public PollOutcome? Poll { get; init; }

    /// <summary>A uniform random sample in [0, 1), drawn by the shell, from which the poll jitter is taken.</summary>
    public double JitterSample { get; init; }
}
