namespace FutReindexOperator.Admission;

/// <summary>The in-process reservations of one FHIR base at one moment, as a decision saw them.</summary>
/// <param name="Target">The FHIR base (see <see cref="PeerJob.TargetOf"/>).</param>
/// <param name="Version">Changes with every reservation on <paramref name="Target"/>: a reservation made on an older snapshot fails.</param>
/// <param name="Reserved">The keys (namespace/name) of the jobs holding a reservation.</param>
public sealed record SlotSnapshot(string Target, long Version, IReadOnlyCollection<string> Reserved);
