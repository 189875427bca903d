namespace FutReindexOperator.Testing.HapiSimulator.Validation;

/// <summary>A validated <c>$reindex</c> request, with HAPI's defaults applied (protocol section 1.2).</summary>
/// <param name="Urls">The search URLs; empty means every resource type.</param>
/// <param name="ReindexSearchParameters"><c>ALL</c> or <c>NONE</c>.</param>
/// <param name="OptimizeStorage"><c>NONE</c>, <c>CURRENT_VERSION</c> or <c>ALL_VERSIONS</c>.</param>
/// <param name="OptimisticLock">Whether optimistic locking is on.</param>
/// <param name="CorrectCurrentVersion"><c>NONE</c> or <c>ALL</c>.</param>
/// <param name="BatchSize">The batch size HAPI uses (values outside 1..500 are ignored, giving 500).</param>
/// <param name="PartitionIds">Partition ids or <c>_ALL</c>; empty means all partitions.</param>
public sealed record ReindexRequest(
    IReadOnlyList<string> Urls,
    string ReindexSearchParameters,
    string OptimizeStorage,
    bool OptimisticLock,
    string CorrectCurrentVersion,
    int BatchSize,
    IReadOnlyList<string> PartitionIds);
