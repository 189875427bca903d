namespace FutReindexOperator.Benchmarks.Metrics;

/// <summary>The samples of one <c>/metrics</c> scrape, with the sums and histograms the reports need.</summary>
public sealed class MetricsSnapshot(IReadOnlyList<MetricSample> samples)
{
    public IReadOnlyList<MetricSample> Samples { get; } = samples;

    public static MetricsSnapshot Parse(string text) => new(PrometheusText.Parse(text));

    /// <summary>The sum of every sample named <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Name, string Value)[] labels)
        => Matching(name, labels).Sum(sample => sample.Value);

    /// <summary>
    /// The histogram <paramref name="name"/> (its <c>_bucket</c> series), summed over every label set that includes
    /// <paramref name="labels"/>, as cumulative counts per upper bound.
    /// </summary>
    public Histogram Histogram(string name, params (string Name, string Value)[] labels)
    {
        var buckets = Matching(name + "_bucket", labels)
            .Where(sample => sample.Label("le") is not null)
            .GroupBy(sample => Bound(sample.Label("le")!))
            .Select(group => new HistogramBucket(group.Key, group.Sum(sample => sample.Value)))
            .OrderBy(bucket => bucket.UpperBound)
            .ToList();
        return new Histogram(buckets, Sum(name + "_sum", labels), Sum(name + "_count", labels));
    }

    private IEnumerable<MetricSample> Matching(string name, (string Name, string Value)[] labels)
        => Samples.Where(sample => sample.Name == name && labels.All(label => sample.Label(label.Name) == label.Value));

    private static double Bound(string le) => le is "+Inf" or "Inf"
        ? double.PositiveInfinity
        : double.Parse(le, System.Globalization.CultureInfo.InvariantCulture);
}
