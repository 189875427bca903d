using FutReindexOperator.Benchmarks.Metrics;

namespace FutReindexOperator.Benchmarks.Tests.Metrics;

public sealed class HistogramTests
{
    private static readonly Histogram Reconciles = new(
        [new(0.01, 50), new(0.05, 90), new(0.1, 100), new(double.PositiveInfinity, 100)],
        Sum: 2.5,
        Count: 100);

    [Test]
    public void Quantile_RankInFirstBucket_InterpolatesFromZero()
        => Reconciles.Quantile(0.25).Should().BeApproximately(0.005, 1e-12);

    [Test]
    public void Quantile_RankInsideLaterBucket_InterpolatesBetweenBounds()
        => Reconciles.Quantile(0.7).Should().BeApproximately(0.03, 1e-12);

    [Test]
    public void Quantile_RankInInfiniteBucket_ReturnsHighestFiniteBound()
    {
        var histogram = new Histogram([new(0.1, 1), new(double.PositiveInfinity, 10)], 50, 10);

        histogram.Quantile(0.99).Should().Be(0.1);
    }

    [Test]
    public void Quantile_NoObservations_IsNaN()
        => new Histogram([new(0.1, 0), new(double.PositiveInfinity, 0)], 0, 0).Quantile(0.5).Should().Be(double.NaN);

    [Test]
    public void Quantile_OutsideZeroToOne_Throws()
        => FluentActions.Invoking(() => Reconciles.Quantile(1.5)).Should().Throw<ArgumentOutOfRangeException>();

    [Test]
    public void Minus_EarlierScrape_LeavesTheObservationsInBetween()
    {
        var earlier = new Histogram([new(0.01, 40), new(0.05, 40), new(0.1, 40), new(double.PositiveInfinity, 40)], 0.2, 40);

        var between = Reconciles.Minus(earlier);

        between.Buckets.Select(bucket => bucket.CumulativeCount).Should().Equal(10, 50, 60, 60);
        between.Count.Should().Be(60);
        between.Sum.Should().BeApproximately(2.3, 1e-12);
    }
}
