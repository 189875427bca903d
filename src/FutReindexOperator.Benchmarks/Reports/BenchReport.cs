namespace FutReindexOperator.Benchmarks.Reports;

/// <summary>A benchmark report: when, where, how the jobs were set up, and one result per job count.</summary>
/// <param name="Time">When the run ended.</param>
/// <param name="Machine">Where it ran.</param>
/// <param name="Setup">How the jobs, targets and scripts were laid out.</param>
/// <param name="Results">One result per job count.</param>
/// <param name="Label">What kind of run this is (for example "smoke run on a loaded machine"); shown in the title.</param>
public sealed record BenchReport(
    string Label,
    DateTimeOffset Time,
    MachineInfo Machine,
    string Setup,
    IReadOnlyList<BenchResult> Results);
