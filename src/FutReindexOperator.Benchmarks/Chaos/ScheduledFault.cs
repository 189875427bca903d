namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>A fault to inject <paramref name="At"/> after the jobs were created.</summary>
public sealed record ScheduledFault(TimeSpan At, FaultKind Kind);
