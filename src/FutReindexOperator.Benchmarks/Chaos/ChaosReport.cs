using FutReindexOperator.Benchmarks.Reports;

namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>The outcome of a chaos run: what was injected, how the jobs ended, and every invariant violated.</summary>
public sealed record ChaosReport
{
    public required string Label { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required MachineInfo Machine { get; init; }

    public required ChaosSettings Settings { get; init; }

    public required IReadOnlyList<ScheduledFault> Faults { get; init; }

    public required int OperatorStarts { get; init; }

    public required IReadOnlyDictionary<string, int> Phases { get; init; }

    public required PostAccount Posts { get; init; }

    /// <summary>Jobs a kill caught between the submission marker and the job id (a second POST was allowed for them).</summary>
    public required IReadOnlyList<string> KilledBetweenMarkerAndJobId { get; init; }

    public required IReadOnlyList<string> OutcomeViolations { get; init; }

    /// <summary>Offending log lines with the secret replaced (the count is what matters).</summary>
    public required IReadOnlyList<string> SecretLeaks { get; init; }

    public required IReadOnlyList<string> MemoryViolations { get; init; }

    public required double PeakRssMiB { get; init; }

    public required double Seconds { get; init; }

    public required int LogLines { get; init; }

    public bool Passed => OutcomeViolations.Count == 0 && Posts.Violations.Count == 0 && SecretLeaks.Count == 0 && MemoryViolations.Count == 0;
}
