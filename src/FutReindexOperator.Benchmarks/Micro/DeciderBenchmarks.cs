using BenchmarkDotNet.Attributes;
using FutReindexOperator.Benchmarks.Model;
using FutReindexOperator.Model;

namespace FutReindexOperator.Benchmarks.Micro;

/// <summary>The decision is on every reconcile's path: one job walked through its whole happy path.</summary>
[MemoryDiagnoser]
public class DeciderBenchmarks
{
    private readonly PollingSpec _polling = new() { FirstInterval = TimeSpan.FromSeconds(15), MaxInterval = TimeSpan.FromSeconds(60), JitterPercent = 0 };

    [Params(2, 20)]
    public int ProgressPolls { get; set; }

    [Benchmark]
    public RequestMinimum HappyPath() => DecisionWalk.HappyPath(ProgressPolls, _polling);
}
