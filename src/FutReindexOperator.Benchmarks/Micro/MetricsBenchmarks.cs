using BenchmarkDotNet.Attributes;
using FutReindexOperator.Benchmarks.Metrics;

namespace FutReindexOperator.Benchmarks.Micro;

/// <summary>The harness scrapes /metrics while the operator runs; parsing must stay cheap next to the scrape itself.</summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private string _text = "";

    [GlobalSetup]
    public void SetUp()
    {
        var lines = new List<string>();
        foreach (var bound in new[] { "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "+Inf" })
        {
            lines.Add($"controller_runtime_reconcile_time_seconds_bucket{{controller=\"reindexjob\",le=\"{bound}\"}} 42");
        }

        _text = string.Join('\n', Enumerable.Repeat(string.Join('\n', lines), 20));
    }

    [Benchmark]
    public double ParseAndQuantile() => MetricsSnapshot.Parse(_text).Histogram("controller_runtime_reconcile_time_seconds").Quantile(0.99);
}
