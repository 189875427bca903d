using FutReindexOperator.Benchmarks.Reports;

namespace FutReindexOperator.Benchmarks.Plans;

/// <summary>A plan benchmark run as reported: what, when, where, how, and the figures.</summary>
public sealed record PlanReport(string Label, DateTimeOffset Time, MachineInfo Machine, string Setup, PlanBenchResult Result)
{
    /// <summary>The load averages (1, 5, 15 minutes) when the run started and ended (other work on a shared machine), or null when unreadable.</summary>
    public string? LoadAverage { get; init; }
}
