using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Queue;
using FutReindexOperator.Runtime.Tests.Support;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Queue;

public sealed class WorkQueueTests
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");
    private static readonly WorkQueueOptions Options = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));

    private SteppingTimeProvider _time = null!;
    private RuntimeMetrics _metrics = null!;
    private WorkQueue _queue = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new SteppingTimeProvider();
        _metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());
        _queue = new WorkQueue("widgets", Options, _metrics, _time);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Add_SameKeyTwice_KeepsOnePendingEntry(CancellationToken cancellationToken)
    {
        _queue.Add(A);
        _queue.Add(A);

        _queue.Count.Should().Be(1);
        (await _queue.TakeAsync(cancellationToken)).Should().Be(A);
        _queue.Count.Should().Be(0);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Add_DelayBeyondTaskDelaysLimit_WaitsAtTheCapAndHandsTheKeyOutThen(CancellationToken cancellationToken)
    {
        // 1300 h is beyond the 49.7 days Task.Delay accepts: the queue must neither throw nor wait forever.
        _queue.Add(A, TimeSpan.FromHours(1300));
        var take = _queue.TakeAsync(cancellationToken).AsTask();

        await _time.WaitForTimerAsync(WorkQueue.MaxDelay, cancellationToken);
        take.IsCompleted.Should().BeFalse();
        _time.Advance(WorkQueue.MaxDelay);

        (await take).Should().Be(A);
    }

    [Test]
    public void Capped_EveryDelay_IsFiniteAndWithinTheCap()
    {
        WorkQueue.Capped(TimeSpan.MaxValue).Should().Be(WorkQueue.MaxDelay);
        WorkQueue.Capped(TimeSpan.FromHours(1300)).Should().Be(WorkQueue.MaxDelay);
        WorkQueue.Capped(TimeSpan.FromSeconds(30)).Should().Be(TimeSpan.FromSeconds(30));
        WorkQueue.Capped(TimeSpan.FromSeconds(-5)).Should().Be(TimeSpan.Zero);
        WorkQueue.MaxDelay.Should().BeLessThan(TimeSpan.FromMilliseconds(uint.MaxValue - 1));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Add_LaterDueTimeAfterEarlier_EarlierDueTimeWins(CancellationToken cancellationToken)
    {
        _queue.Add(A, TimeSpan.FromSeconds(10));
        _queue.Add(A, TimeSpan.FromSeconds(60));
        _time.Advance(TimeSpan.FromSeconds(10));

        (await _queue.TakeAsync(cancellationToken)).Should().Be(A);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Add_EarlierDueTimeAfterLater_EarlierDueTimeWins(CancellationToken cancellationToken)
    {
        _queue.Add(A, TimeSpan.FromSeconds(60));
        _queue.Add(A, TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(10));

        (await _queue.TakeAsync(cancellationToken)).Should().Be(A);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task TakeAsync_KeyNotYetDue_WaitsForItsDueTime(CancellationToken cancellationToken)
    {
        _queue.Add(A, TimeSpan.FromSeconds(30));

        var take = _queue.TakeAsync(cancellationToken).AsTask();
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(30), cancellationToken);
        take.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(30));

        (await take).Should().Be(A);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task TakeAsync_SeveralDueKeys_HandsOutEarliestDueFirst(CancellationToken cancellationToken)
    {
        _queue.Add(B, TimeSpan.FromSeconds(2));
        _queue.Add(A, TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(5));

        (await _queue.TakeAsync(cancellationToken)).Should().Be(A);
        (await _queue.TakeAsync(cancellationToken)).Should().Be(B);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Add_KeyBeingProcessed_IsNotHandedOutUntilDone(CancellationToken cancellationToken)
    {
        _queue.Add(A);
        var taken = await _queue.TakeAsync(cancellationToken);

        _queue.Add(A);
        var second = _queue.TakeAsync(cancellationToken).AsTask();
        _queue.Count.Should().Be(0);
        second.IsCompleted.Should().BeFalse();

        _queue.Done(taken!.Value);

        (await second).Should().Be(A);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Done_KeyAddedTwiceWhileProcessing_ComesBackOnce(CancellationToken cancellationToken)
    {
        _queue.Add(A);
        await _queue.TakeAsync(cancellationToken);
        _queue.Add(A, TimeSpan.FromSeconds(30));
        _queue.Add(A);

        _queue.Done(A);

        _queue.Count.Should().Be(1);
        (await _queue.TakeAsync(cancellationToken)).Should().Be(A);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AddAfterFailure_ConsecutiveFailures_DelayDoublesUpToCap(CancellationToken cancellationToken)
    {
        var expected = new[] { 1, 2, 4, 8, 8, 8 }.Select(seconds => TimeSpan.FromSeconds(seconds));
        var observed = new List<TimeSpan>();
        foreach (var _ in expected)
        {
            observed.Add(await FailAndMeasureRetryDelayAsync(A, cancellationToken));
        }

        observed.Should().Equal(expected);
    }

    [Test]
    [CancelAfter(10000)]
    public async Task AddAfterFailure_FiftyFailuresInARow_KeyIsStillRetried(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await FailAndMeasureRetryDelayAsync(A, cancellationToken);
        }

        _queue.FailuresOf(A).Should().Be(50);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Forget_AfterFailures_NextFailureStartsAtBaseDelay(CancellationToken cancellationToken)
    {
        await FailAndMeasureRetryDelayAsync(A, cancellationToken);
        await FailAndMeasureRetryDelayAsync(A, cancellationToken);

        _queue.Forget(A);

        (await FailAndMeasureRetryDelayAsync(A, cancellationToken)).Should().Be(Options.FailureBaseDelay);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AddAfterFailure_OneKeyFailing_OtherKeysKeepTheirOwnBackoff(CancellationToken cancellationToken)
    {
        await FailAndMeasureRetryDelayAsync(A, cancellationToken);
        await FailAndMeasureRetryDelayAsync(A, cancellationToken);

        (await FailAndMeasureRetryDelayAsync(B, cancellationToken)).Should().Be(Options.FailureBaseDelay);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task ShutDown_WaitingTaker_GetsNull(CancellationToken cancellationToken)
    {
        var take = _queue.TakeAsync(cancellationToken).AsTask();

        _queue.ShutDown();

        (await take).Should().BeNull();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task ShutDown_PendingKeys_AreNotHandedOut(CancellationToken cancellationToken)
    {
        _queue.Add(A);

        _queue.ShutDown();

        (await _queue.TakeAsync(cancellationToken)).Should().BeNull();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task TakeAsync_Cancelled_Throws(CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var take = _queue.TakeAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();

        await take.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Metrics_AddsRetriesAndDepth_CountWhatHappened(CancellationToken cancellationToken)
    {
        _queue.Add(A);
        _queue.Add(A);
        _queue.Add(B);
        await _queue.TakeAsync(cancellationToken);
        _queue.AddAfterFailure(A);
        _queue.Done(A);

        var exposition = await Metric.ScrapeAsync(_metrics.Registry, cancellationToken);

        Metric.Value(exposition, "workqueue_adds_total{name=\"widgets\"}").Should().Be(3);
        Metric.Value(exposition, "workqueue_retries_total{name=\"widgets\"}").Should().Be(1);
        Metric.Value(exposition, "workqueue_depth{name=\"widgets\"}").Should().Be(1, "A waits out its backoff: only due keys count, as in client-go");
        Metric.Value(exposition, "workqueue_work_duration_seconds_count{name=\"widgets\"}").Should().Be(1);
        Metric.Value(exposition, "workqueue_queue_duration_seconds_count{name=\"widgets\"}").Should().Be(1);
    }

    private async Task<TimeSpan> FailAndMeasureRetryDelayAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        _queue.Add(key);
        var taken = await _queue.TakeAsync(cancellationToken);
        _queue.AddAfterFailure(taken!.Value);
        _queue.Done(taken.Value);
        var retry = _queue.TakeAsync(cancellationToken).AsTask();
        var delay = await _time.NextTimerAsync(cancellationToken);
        retry.IsCompleted.Should().BeFalse();
        _time.Advance(delay);

        (await retry).Should().Be(key);
        _queue.Done(key);
        return delay;
    }
}
