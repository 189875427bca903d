using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Queue;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Runtime.Watching;
using FutReindexOperator.Testing.Conditions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Reconciling;

public sealed class ReconcileLoopTests
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly WorkQueueOptions QueueOptions = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));

    private SteppingTimeProvider _time = null!;
    private RuntimeMetrics _metrics = null!;
    private ResourceCache<Widget> _cache = null!;
    private WorkQueue _queue = null!;
    private ReconcilerScript _script = null!;
    private ServiceProvider _services = null!;
    private FakeLogger _logger = null!;
    private ReconcileLoop<Widget> _loop = null!;
    private CancellationTokenSource _stop = null!;
    private Task? _running;

    [SetUp]
    public void SetUp()
    {
        _time = new SteppingTimeProvider();
        _metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());
        _cache = new ResourceCache<Widget>();
        _queue = new WorkQueue("widget", QueueOptions, _metrics, _time);
        _script = new ReconcilerScript();
        _services = new ServiceCollection()
            .AddSingleton(_script)
            .AddScoped<IReconciler<Widget>, ScriptedReconciler>()
            .BuildServiceProvider();
        _logger = new FakeLogger();
        _loop = new ReconcileLoop<Widget>(
            "widget", _queue, _cache, new TakeoverBarrier(_time), _services.GetRequiredService<IServiceScopeFactory>(), _metrics, _time, _logger);
        _stop = new CancellationTokenSource();
    }

    [TearDown]
    public async Task TearDown()
    {
        _queue.ShutDown();
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        _stop.Dispose();
        await _services.DisposeAsync();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Reconcile_ReturnsDone_CountsSuccessAndDoesNotRequeue(CancellationToken cancellationToken)
    {
        _cache.Upsert(Widget.Create("ns", "a"));
        _queue.Add(A);

        Start(workers: 1);
        await Eventually.UntilAsync(async token => await ValueAsync("controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"}", token) == 1, cancellationToken);

        _queue.Count.Should().Be(0);
        _script.Calls.Should().ContainSingle().Which.IsDeleted.Should().BeFalse();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Reconcile_ReturnsRequeueAfter_ReconcilesAgainAfterThatDelay(CancellationToken cancellationToken)
    {
        _cache.Upsert(Widget.Create("ns", "a"));
        _script.Behaviour = (_, _) => Task.FromResult<ReconcileResult>(new ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30)));
        _queue.Add(A);

        Start(workers: 1);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(30), cancellationToken);
        _script.CallsFor(A).Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(30));

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 2, cancellationToken);
        (await ValueAsync("controller_runtime_reconcile_total{controller=\"widget\",result=\"requeue_after\"}", cancellationToken)).Should().BeGreaterThanOrEqualTo(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Reconcile_Throws_CountsErrorAndRetriesAfterBackoff(CancellationToken cancellationToken)
    {
        _cache.Upsert(Widget.Create("ns", "a"));
        var attempts = 0;
        _script.Behaviour = (_, _) => Interlocked.Increment(ref attempts) == 1
            ? throw new InvalidOperationException("remote down")
            : Task.FromResult(ReconcileResult.Done);
        _queue.Add(A);

        Start(workers: 1);
        await _time.WaitForTimerAsync(QueueOptions.FailureBaseDelay, cancellationToken);
        _time.Advance(QueueOptions.FailureBaseDelay);
        await Eventually.UntilAsync(async token => await ValueAsync("controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"}", token) == 1, cancellationToken);

        (await ValueAsync("controller_runtime_reconcile_total{controller=\"widget\",result=\"error\"}", cancellationToken)).Should().Be(1);
        (await ValueAsync("controller_runtime_reconcile_errors_total{controller=\"widget\"}", cancellationToken)).Should().Be(1);
        (await ValueAsync("workqueue_retries_total{name=\"widget\"}", cancellationToken)).Should().Be(1);
        _queue.FailuresOf(A).Should().Be(0);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Reconcile_ObjectDeleted_GetsLastStateMarkedDeletedThenForgetsIt(CancellationToken cancellationToken)
    {
        _cache.Upsert(Widget.Create("ns", "a", "1"));
        _cache.Remove(Widget.Create("ns", "a", "2"));
        _queue.Add(A);

        Start(workers: 1);
        await Eventually.UntilAsync(() => _script.Calls.Count == 1, cancellationToken);
        await Eventually.UntilAsync(() => !_cache.TryGetTombstone(A, out _), cancellationToken);

        var request = _script.Calls.Single();
        request.IsDeleted.Should().BeTrue();
        request.Resource.Metadata.ResourceVersion.Should().Be("2");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Reconcile_KeyUnknownToCache_SkipsReconciler(CancellationToken cancellationToken)
    {
        _queue.Add(new ObjectKey("ns", "never-seen"));
        _cache.Upsert(Widget.Create("ns", "a"));
        _queue.Add(A);

        Start(workers: 1);
        await Eventually.UntilAsync(() => _script.Calls.Count == 1, cancellationToken);

        _script.Calls.Single().Key.Should().Be(A);
    }

    [Test]
    [CancelAfter(10000)]
    public async Task RunAsync_BurstOfAddsForOneKey_NeverReconcilesItTwiceAtOnce(CancellationToken cancellationToken)
    {
        _cache.Upsert(Widget.Create("ns", "a"));
        _script.Behaviour = async (_, token) =>
        {
            await Task.Yield();
            return ReconcileResult.Done;
        };

        Start(workers: 8);
        for (var burst = 0; burst < 500; burst++)
        {
            _queue.Add(A);
            if (burst % 50 == 0)
            {
                await Task.Yield();
            }
        }

        await Eventually.UntilAsync(() => _queue.Count == 0, cancellationToken);
        await Eventually.UntilAsync(async token => await ValueAsync("controller_runtime_active_workers{controller=\"widget\"}", token) == 0, cancellationToken);
        _script.MaxActivePerKey.Should().Be(1);
        _script.CallsFor(A).Should().BeGreaterThanOrEqualTo(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_MoreKeysThanWorkers_RunsAtMostWorkersAtOnce(CancellationToken cancellationToken)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _script.Behaviour = async (_, _) =>
        {
            await release.Task;
            return ReconcileResult.Done;
        };
        for (var index = 0; index < 6; index++)
        {
            var widget = Widget.Create("ns", $"w{index}");
            _cache.Upsert(widget);
            _queue.Add(ObjectKey.Of(widget));
        }

        Start(workers: 2);
        await Eventually.UntilAsync(() => _script.Calls.Count == 2, cancellationToken);
        _script.MaxActive.Should().Be(2);
        release.SetResult();

        await Eventually.UntilAsync(() => _script.Calls.Count == 6, cancellationToken);
        _script.MaxActive.Should().Be(2);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_Cancelled_CancelsInFlightReconcileRequeuesKeyAndCountsNothing(CancellationToken cancellationToken)
    {
        _cache.Upsert(Widget.Create("ns", "a"));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _script.Behaviour = async (_, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return ReconcileResult.Done;
        };
        _queue.Add(A);
        Start(workers: 1);
        await started.Task.WaitAsync(cancellationToken);

        await _stop.CancelAsync();
        await _running!.WaitAsync(cancellationToken);

        _queue.Count.Should().Be(1);
        (await ValueAsync("controller_runtime_reconcile_total{controller=\"widget\",result=\"error\"}", cancellationToken)).Should().BeNull();
        (await ValueAsync("controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"}", cancellationToken)).Should().BeNull();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_QueueShutDown_LetsInFlightReconcileFinish(CancellationToken cancellationToken)
    {
        _cache.Upsert(Widget.Create("ns", "a"));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _script.Behaviour = async (_, _) =>
        {
            started.SetResult();
            await release.Task;
            return ReconcileResult.Done;
        };
        _queue.Add(A);
        Start(workers: 1);
        await started.Task.WaitAsync(cancellationToken);

        _queue.ShutDown();
        _running!.IsCompleted.Should().BeFalse();
        release.SetResult();
        await _running.WaitAsync(cancellationToken);

        (await ValueAsync("controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"}", cancellationToken)).Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Reconcile_RequeueAfterBeyondTaskDelaysLimit_WorkersLiveAndTheKeyComesBackAtTheCap(CancellationToken cancellationToken)
    {
        // Issue 13 #3: a 1300 h polling interval made Task.Delay throw and both workers end without a word.
        _cache.Upsert(Widget.Create("ns", "a"));
        _cache.Upsert(Widget.Create("ns", "b"));
        _script.Behaviour = (request, _) => Task.FromResult<ReconcileResult>(
            request.Key == A ? new ReconcileResult.RequeueAfter(TimeSpan.FromHours(1300)) : ReconcileResult.Done);
        _queue.Add(A);

        Start(workers: 2);
        await _time.WaitForTimerAsync(WorkQueue.MaxDelay, cancellationToken);
        _queue.Add(new ObjectKey("ns", "b"));
        await Eventually.UntilAsync(() => _script.CallsFor(new ObjectKey("ns", "b")) == 1, cancellationToken);
        _time.Advance(WorkQueue.MaxDelay);

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 2, cancellationToken);
        _loop.Workers.IsAlive.Should().BeTrue();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Reconcile_StatusConflict_IsRetriedAfterTheKeysGrowingBackoffNotAtOnce(CancellationToken cancellationToken)
    {
        // Issue 13 #10: a conflict on a stale cache requeued after 0 s gave 37,000 reconciles in 40 s.
        _cache.Upsert(Widget.Create("ns", "a"));
        _script.Behaviour = (_, _) => throw new StatusConflictException("stale");
        _queue.Add(A);

        Start(workers: 1);
        foreach (var (delay, calls) in new[] { (TimeSpan.FromSeconds(1), 1), (TimeSpan.FromSeconds(2), 2), (TimeSpan.FromSeconds(4), 3) })
        {
            await _time.WaitForTimerAsync(delay, cancellationToken);
            _script.CallsFor(A).Should().Be(calls);
            _time.Advance(delay);
        }

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 4, cancellationToken);
        (await ValueAsync("controller_runtime_reconcile_total{controller=\"widget\",result=\"requeue\"}", cancellationToken)).Should().BeGreaterThanOrEqualTo(3);
        (await ValueAsync("controller_runtime_reconcile_errors_total{controller=\"widget\"}", cancellationToken)).Should().BeNull();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Reconcile_StatusConflictForAMinute_ReconcilesABoundedNumberOfTimes(CancellationToken cancellationToken)
    {
        var queue = new WorkQueue("widget", WorkQueueOptions.Default, _metrics, _time);
        var loop = new ReconcileLoop<Widget>("widget", queue, _cache, new TakeoverBarrier(_time), _services.GetRequiredService<IServiceScopeFactory>(), _metrics, _time, _logger);
        _cache.Upsert(Widget.Create("ns", "a"));
        _script.Behaviour = (_, _) => throw new StatusConflictException("stale");
        queue.Add(A);
        var running = loop.RunAsync(1, _stop.Token);

        // Each wait of the worker is the backoff before the next try: let exactly that much time pass, for a minute.
        var start = _time.GetUtcNow();
        while (_time.GetUtcNow() - start < TimeSpan.FromMinutes(1))
        {
            _time.Advance(await _time.NextTimerAsync(cancellationToken));
        }

        // controller-runtime's 5 ms doubling per conflict: at most 15 tries in the first minute, not thousands.
        _script.CallsFor(A).Should().BeInRange(2, 15);
        queue.ShutDown();
        await _stop.CancelAsync();
        await running;
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Reconcile_LeadershipUncertain_PausesTheWorkerThenTriesTheKeyAgainWithoutError(CancellationToken cancellationToken)
    {
        _cache.Upsert(Widget.Create("ns", "a"));
        _script.Behaviour = (_, _) => throw new LeadershipUncertainException("not sure");
        _queue.Add(A);

        Start(workers: 1);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1), cancellationToken);
        _script.CallsFor(A).Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 2, cancellationToken);
        (await ValueAsync("controller_runtime_reconcile_errors_total{controller=\"widget\"}", cancellationToken)).Should().BeNull();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_FaultOutsideAnyReconcile_IsCountedAndTheWorkerGoesOnWithTheKey(CancellationToken cancellationToken)
    {
        var logger = new ScopeFailingLogger(_logger) { FailuresLeft = 1 };
        var loop = new ReconcileLoop<Widget>("widget", _queue, _cache, new TakeoverBarrier(_time), _services.GetRequiredService<IServiceScopeFactory>(), _metrics, _time, logger);
        _cache.Upsert(Widget.Create("ns", "a"));
        _queue.Add(A);

        _running = loop.RunAsync(1, _stop.Token);
        await Eventually.UntilAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
                return _script.CallsFor(A) == 1;
            },
            cancellationToken);

        (await ValueAsync("operator_runtime_worker_faults_total{controller=\"widget\"}", cancellationToken)).Should().Be(1);
        loop.Workers.IsAlive.Should().BeTrue();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_WorkerFaultsOverAndOver_StopsAndHealthzFails(CancellationToken cancellationToken)
    {
        var logger = new ScopeFailingLogger(_logger) { FailuresLeft = int.MaxValue };
        var loop = new ReconcileLoop<Widget>("widget", _queue, _cache, new TakeoverBarrier(_time), _services.GetRequiredService<IServiceScopeFactory>(), _metrics, _time, logger);
        var health = new RuntimeHealth();
        health.Register(loop.Workers);
        _cache.Upsert(Widget.Create("ns", "a"));
        _queue.Add(A);

        _running = loop.RunAsync(1, _stop.Token);
        await Eventually.UntilAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                return _running.IsCompleted;
            },
            cancellationToken);

        loop.Workers.IsAlive.Should().BeFalse();
        (await ValueAsync("operator_runtime_worker_faults_total{controller=\"widget\"}", cancellationToken)).Should().Be(ReconcileLoop<Widget>.MaxConsecutiveFaults);
        var context = new DefaultHttpContext { Request = { Method = "GET", Path = "/healthz" }, Response = { Body = new MemoryStream() } };
        await new OperatorEndpoints(health, _metrics.Registry).ProcessRequestAsync(context);
        context.Response.StatusCode.Should().Be(StatusCodes.Status503ServiceUnavailable);
        System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray())
            .Should().StartWith("Unhealthy\n").And.Contain("workers-alive: Unhealthy: Reconcile workers stopped after repeated faults: widget (1).");
        _queue.Count.Should().Be(1, "the key the worker held is kept for the next leader");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Reconcile_Logs_InsideScopeWithReconcileIdControllerNamespaceAndName(CancellationToken cancellationToken)
    {
        _cache.Upsert(Widget.Create("ns", "a"));
        _queue.Add(A);

        Start(workers: 1);
        await Eventually.UntilAsync(() => _logger.Collector.Count > 0, cancellationToken);

        var scope = _logger.LatestRecord.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().Should().ContainSingle().Subject.ToDictionary();
        scope["Controller"].Should().Be("widget");
        scope["Namespace"].Should().Be("ns");
        scope["Name"].Should().Be("a");
        scope["ReconcileId"].Should().BeOfType<string>().Which.Should().HaveLength(32);
    }

    private void Start(int workers) => _running = _loop.RunAsync(workers, _stop.Token);

    private Task<double?> ValueAsync(string series, CancellationToken cancellationToken) =>
        Metric.ValueAsync(_metrics.Registry, series, cancellationToken);
}
