namespace FutReindexOperator.Benchmarks.Metrics;

/// <summary>One sample line of the Prometheus text format: a name, its labels and a value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The value of label <paramref name="name"/>, or null when the sample has none.</summary>
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}
