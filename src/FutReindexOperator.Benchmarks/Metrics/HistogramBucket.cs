namespace FutReindexOperator.Benchmarks.Metrics;

/// <summary>A cumulative histogram bucket: how many observations were at most <paramref name="UpperBound"/>.</summary>
public sealed record HistogramBucket(double UpperBound, double CumulativeCount);
