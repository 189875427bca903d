namespace FutReindexOperator.Benchmarks.Processes;

/// <summary>One reading of a process: resident memory and CPU time used so far.</summary>
public sealed record ProcessSample(DateTimeOffset Time, long ResidentBytes, double CpuSeconds);
