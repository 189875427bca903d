namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>How the POSTs of a chaos run add up.</summary>
/// <param name="ServerJobs">Jobs the server created (one per accepted POST).</param>
/// <param name="SinglePostJobs">ReindexJobs with no possible duplicate: exactly one POST each.</param>
/// <param name="MarkedDuplicatePossible">ReindexJobs where a kill or an ambiguous answer fell between marker and job id.</param>
/// <param name="OrphanServerJobs">Server jobs no ReindexJob recorded (the duplicates those cases allowed).</param>
/// <param name="Violations">Unexplained extra POSTs.</param>
public sealed record PostAccount(int ServerJobs, int SinglePostJobs, int MarkedDuplicatePossible, int OrphanServerJobs, IReadOnlyList<string> Violations);
