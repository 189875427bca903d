using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Queue;
using FutReindexOperator.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Queue;

/// <summary>The work-in-progress gauges (client-go's stuck-worker signals) and dropping the queue's content.</summary>
public sealed class WorkQueueProgressTests
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");

    private FakeTimeProvider _time = null!;
    private RuntimeMetrics _metrics = null!;
    private WorkQueue _queue = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider();
        _metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());
        _queue = new WorkQueue("widgets", WorkQueueOptions.Default, _metrics, _time);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Scrape_TwoKeysInProgress_ReportsTheirSummedAndLongestProcessingTime(CancellationToken cancellationToken)
    {
        _queue.Add(A);
        _queue.Add(B);
        await _queue.TakeAsync(cancellationToken);
        _time.Advance(TimeSpan.FromSeconds(30));
        await _queue.TakeAsync(cancellationToken);
        _time.Advance(TimeSpan.FromSeconds(10));

        var text = await Metric.ScrapeAsync(_metrics.Registry, cancellationToken);

        Metric.Value(text, "workqueue_unfinished_work_seconds{name=\"widgets\"}").Should().Be(50);
        Metric.Value(text, "workqueue_longest_running_processor_seconds{name=\"widgets\"}").Should().Be(40);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Scrape_EveryKeyDone_ReportsNoWorkInProgress(CancellationToken cancellationToken)
    {
        _queue.Add(A);
        var key = await _queue.TakeAsync(cancellationToken);
        _time.Advance(TimeSpan.FromSeconds(30));
        _queue.Done(key!.Value);

        var text = await Metric.ScrapeAsync(_metrics.Registry, cancellationToken);

        Metric.Value(text, "workqueue_unfinished_work_seconds{name=\"widgets\"}").Should().Be(0);
        Metric.Value(text, "workqueue_longest_running_processor_seconds{name=\"widgets\"}").Should().Be(0);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Scrape_KeyWaitingOutADelay_CountsInTheDepthOnlyOnceDue(CancellationToken cancellationToken)
    {
        _queue.Add(A);
        _queue.Add(B, TimeSpan.FromSeconds(30));

        (await Metric.ValueAsync(_metrics.Registry, "workqueue_depth{name=\"widgets\"}", cancellationToken)).Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(30));
        (await Metric.ValueAsync(_metrics.Registry, "workqueue_depth{name=\"widgets\"}", cancellationToken)).Should().Be(2);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Clear_PendingAndParkedKeys_DropsThemAndReportsAnEmptyQueue(CancellationToken cancellationToken)
    {
        _queue.Add(A);
        _queue.Add(B, TimeSpan.FromMinutes(5));
        var taken = await _queue.TakeAsync(cancellationToken);
        _queue.Add(taken!.Value);

        _queue.Clear();
        _queue.Done(taken.Value);

        _queue.Count.Should().Be(0);
        (await Metric.ValueAsync(_metrics.Registry, "workqueue_depth{name=\"widgets\"}", cancellationToken)).Should().Be(0);
    }
}
