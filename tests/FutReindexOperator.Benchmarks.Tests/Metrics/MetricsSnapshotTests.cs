using FutReindexOperator.Benchmarks.Metrics;

namespace FutReindexOperator.Benchmarks.Tests.Metrics;

public sealed class MetricsSnapshotTests
{
    private const string Scrape = """
        # TYPE controller_runtime_reconcile_total counter
        controller_runtime_reconcile_total{controller="reindexjob",result="success"} 10
        controller_runtime_reconcile_total{controller="reindexjob",result="requeue_after"} 30
        controller_runtime_reconcile_total{controller="reindexjob",result="error"} 2
        t_bucket{name="a",le="0.1"} 1
        t_bucket{name="a",le="+Inf"} 2
        t_bucket{name="b",le="0.1"} 3
        t_bucket{name="b",le="+Inf"} 3
        t_sum{name="a"} 0.5
        t_sum{name="b"} 0.1
        t_count{name="a"} 2
        t_count{name="b"} 3
        """;

    [Test]
    public void Sum_WithoutLabels_AddsEverySeries()
        => MetricsSnapshot.Parse(Scrape).Sum("controller_runtime_reconcile_total").Should().Be(42);

    [Test]
    public void Sum_WithLabel_AddsOnlyMatchingSeries()
        => MetricsSnapshot.Parse(Scrape).Sum("controller_runtime_reconcile_total", ("result", "error")).Should().Be(2);

    [Test]
    public void Histogram_SeveralLabelSets_AddsBucketsByBound()
    {
        var histogram = MetricsSnapshot.Parse(Scrape).Histogram("t");

        histogram.Buckets.Should().Equal(new HistogramBucket(0.1, 4), new HistogramBucket(double.PositiveInfinity, 5));
        histogram.Count.Should().Be(5);
        histogram.Sum.Should().BeApproximately(0.6, 1e-12);
    }

    [Test]
    public void Histogram_Absent_HasNoBuckets()
        => MetricsSnapshot.Parse(Scrape).Histogram("missing").Buckets.Should().BeEmpty();
}
