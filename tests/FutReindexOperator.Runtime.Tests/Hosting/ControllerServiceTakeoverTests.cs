using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Queue;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Runtime.Watching;
using FutReindexOperator.Testing.Conditions;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Hosting;

/// <summary>
/// A term begins by comparing the cache with a consistent list: a key whose cached copy is older than the API server's
/// is not reconciled until the cache shows the server's version (or the object is gone, or the bound ends).
/// </summary>
public sealed class ControllerServiceTakeoverTests
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");

    // The watch's first list: the standby's cache, with a at 4. The server has since written a (6).
    private static readonly ResourceList<Widget> Cached = new([Widget.Create("ns", "a", "4"), Widget.Create("ns", "b", "5")], "5");
    private static readonly ResourceList<Widget> Server = new([Widget.Create("ns", "a", "6"), Widget.Create("ns", "b", "5")], "6");

    private SteppingTimeProvider _time = null!;
    private RuntimeMetrics _metrics = null!;
    private FakeResourceSource _source = null!;
    private ReconcilerScript _script = null!;
    private ServiceProvider _services = null!;
    private ResourceCache<Widget>? _cache;
    private ControllerService<Widget>? _service;

    [SetUp]
    public void SetUp()
    {
        _time = new SteppingTimeProvider();
        _metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());
        _source = new FakeResourceSource();
        _source.NextList = () => _source.Lists == 1 ? Cached : Server;
        _script = new ReconcilerScript();
        _services = new ServiceCollection().AddSingleton(_script).AddScoped<IReconciler<Widget>, ScriptedReconciler>().BuildServiceProvider();
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_service is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _service.StopAsync(timeout.Token);
            _service.Dispose();
        }

        await _services.DisposeAsync();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Takeover_CachedCopyAtTheServersVersion_IsReconciledAtOnce(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);

        await Eventually.UntilAsync(() => _script.CallsFor(B) == 1, cancellationToken);
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_takeovers_total{controller=\"widget\",result=\"checked\"}", cancellationToken)).Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Takeover_CachedCopyOlderThanTheServers_IsNotReconciledUntilTheCacheShowsTheServersVersion(CancellationToken cancellationToken)
    {
        var stream = await StartAsync(cancellationToken);
        await _time.WaitForTimerAsync(TakeoverBarrier.Expiry, cancellationToken);
        _script.CallsFor(A).Should().Be(0, "the queue holds a back until the cache shows version 6 or the bound ends");

        stream.Send(WatchEventKind.Modified, Widget.Create("ns", "a", "5"));
        await Eventually.UntilAsync(() => _cache!.TryGet(A, out var a) && a.ResourceVersion() == "5", cancellationToken);
        _script.CallsFor(A).Should().Be(0, "version 5 is still older than the server's 6");
        var statusOnly = Widget.Create("ns", "a", "6");
        statusOnly.Status = new WidgetStatus { Phase = "Running" };
        stream.Send(WatchEventKind.Modified, statusOnly);

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 1, cancellationToken);
        _script.Calls.Single(call => call.Key == A).Resource.ResourceVersion().Should().Be("6");
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_takeover_held_keys_total{controller=\"widget\"}", cancellationToken)).Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Takeover_WatchRelistsPastTheListedVersion_ReconcilesTheKeyAtOnce(CancellationToken cancellationToken)
    {
        // After a 410 the watch lists again, and a later write (8) means the cache never shows the listed 6.
        var relisted = new ResourceList<Widget>([Widget.Create("ns", "a", "8"), Widget.Create("ns", "b", "5")], "8");
        _source.NextList = () => _source.Lists switch { 1 => Cached, 2 => Server, _ => relisted };
        var stream = await StartAsync(cancellationToken);
        await _time.WaitForTimerAsync(TakeoverBarrier.Expiry, cancellationToken);

        stream.Fail(new ResourceVersionExpiredException("too old resource version", new InvalidOperationException("410 Gone")));

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 1, cancellationToken);
        _script.Calls.Single(call => call.Key == A).Resource.ResourceVersion().Should().Be("8");
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_takeover_expired_keys_total{controller=\"widget\"}", cancellationToken)).Should().Be(0, "the relist, sent after the term began, released the key before the bound");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Takeover_HeldObjectDeleted_ReconcilesItsDeleteAtOnce(CancellationToken cancellationToken)
    {
        var stream = await StartAsync(cancellationToken);
        await _time.WaitForTimerAsync(TakeoverBarrier.Expiry, cancellationToken);

        stream.Send(WatchEventKind.Deleted, Widget.Create("ns", "a", "7"));

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 1, cancellationToken);
        _script.Calls.Single(call => call.Key == A).IsDeleted.Should().BeTrue();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Takeover_CacheNeverCatchesUp_ReconcilesTheKeyWhenTheBoundEnds(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        await _time.WaitForTimerAsync(TakeoverBarrier.Expiry, cancellationToken);

        _time.Advance(TakeoverBarrier.Expiry);

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 1, cancellationToken);
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_takeover_expired_keys_total{controller=\"widget\"}", cancellationToken)).Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Takeover_ListFailsOnce_ListsAgainAfterTheBackoffAndHoldsTheStaleKey(CancellationToken cancellationToken)
    {
        _source.NextList = () => _source.Lists switch
        {
            1 => Cached,
            2 => throw new HttpRequestException("connection refused"),
            _ => Server,
        };
        await StartAsync(cancellationToken);
        await _time.WaitForTimerAsync(Options.WatchBackoffBase, cancellationToken);
        _script.Calls.Should().BeEmpty("nothing is reconciled before the term has compared its cache");

        _time.Advance(Options.WatchBackoffBase);

        await Eventually.UntilAsync(() => _script.CallsFor(B) == 1, cancellationToken);
        await _time.WaitForTimerAsync(TakeoverBarrier.Expiry - Options.WatchBackoffBase, cancellationToken);
        _script.CallsFor(A).Should().Be(0);
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_takeover_list_failures_total{controller=\"widget\"}", cancellationToken)).Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Takeover_ListKeepsFailingForTheBound_LeadsWithoutTheCheck(CancellationToken cancellationToken)
    {
        _source.NextList = () => _source.Lists == 1 ? Cached : throw new HttpRequestException("connection refused");
        await StartAsync(cancellationToken);
        await _time.WaitForTimerAsync(Options.WatchBackoffBase, cancellationToken);

        _time.Advance(TakeoverBarrier.Expiry);

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 1 && _script.CallsFor(B) == 1, cancellationToken);
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_takeovers_total{controller=\"widget\",result=\"unchecked\"}", cancellationToken)).Should().Be(1);
    }

    private static OperatorRuntimeOptions Options => new()
    {
        ResyncPeriod = TimeSpan.FromDays(1),
        WatchInactivityTimeout = TimeSpan.FromDays(1),
        MaxConcurrentReconciles = 2,
    };

    /// <summary>Starts the controller as the leader and returns the watch stream that follows its first list.</summary>
    private async Task<ScriptedWatch> StartAsync(CancellationToken cancellationToken)
    {
        _cache = new ResourceCache<Widget>();
        var parts = new ControllerParts<Widget>(
            new ControllerDefinition<Widget>(Widget.Type, "widget", []),
            Options,
            _ => _source,
            _cache,
            new ReconcileQueue<Widget>(new WorkQueue("widget", WorkQueueOptions.Default, _metrics, _time)),
            _services.GetRequiredService<IServiceScopeFactory>(),
            _metrics,
            new RuntimeHealth(),
            new RecordingEventRecorder(),
            new OwnStatusWrites(_time),
            _time,
            NullLoggerFactory.Instance);
        _service = new ControllerService<Widget>(parts, new AlwaysLeaderGate(), _time, NullLogger<ControllerService<Widget>>.Instance);
        await _service.StartAsync(cancellationToken);
        return await _source.NextStreamAsync(cancellationToken);
    }
}
