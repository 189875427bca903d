namespace FutReindexOperator.Benchmarks.Metrics;

/// <summary>A Prometheus histogram: cumulative buckets (ascending, ending with +Inf), the sum and the count.</summary>
public sealed record Histogram(IReadOnlyList<HistogramBucket> Buckets, double Sum, double Count)
{
    /// <summary>
    /// The <paramref name="quantile"/> estimated as Prometheus's <c>histogram_quantile</c> does: find the bucket holding
    /// the rank and interpolate linearly inside it (from 0 for the first bucket when its bound is positive); a rank in
    /// the +Inf bucket gives the highest finite bound. NaN without observations.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantile"/> is outside [0, 1].</exception>
    public double Quantile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        if (Buckets.Count == 0 || Buckets[^1].CumulativeCount <= 0)
        {
            return double.NaN;
        }

        var total = Buckets[^1].CumulativeCount;
        var rank = quantile * total;
        var index = 0;
        while (index < Buckets.Count - 1 && Buckets[index].CumulativeCount < rank)
        {
            index++;
        }

        var bucket = Buckets[index];
        if (double.IsPositiveInfinity(bucket.UpperBound))
        {
            return Buckets.Count > 1 ? Buckets[^2].UpperBound : double.NaN;
        }

        var lowerBound = index == 0 ? Math.Min(0, bucket.UpperBound) : Buckets[index - 1].UpperBound;
        var lowerCount = index == 0 ? 0 : Buckets[index - 1].CumulativeCount;
        var inBucket = bucket.CumulativeCount - lowerCount;
        return inBucket <= 0 ? bucket.UpperBound : lowerBound + ((bucket.UpperBound - lowerBound) * (rank - lowerCount) / inBucket);
    }

    /// <summary>This histogram minus <paramref name="earlier"/> (same buckets): the observations made in between.</summary>
    public Histogram Minus(Histogram earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var before = earlier.Buckets.ToDictionary(bucket => bucket.UpperBound, bucket => bucket.CumulativeCount);
        var buckets = Buckets.Select(bucket => bucket with { CumulativeCount = bucket.CumulativeCount - before.GetValueOrDefault(bucket.UpperBound) }).ToList();
        return new Histogram(buckets, Sum - earlier.Sum, Count - earlier.Count);
    }
}
