using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Queue;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Runtime.Watching;
using FutReindexOperator.Testing.Conditions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Hosting;

public sealed class ControllerServiceTests
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");
    private static readonly TimeSpan ResyncPeriod = TimeSpan.FromMinutes(10);

    private SteppingTimeProvider _time = null!;
    private RuntimeMetrics _metrics = null!;
    private RuntimeHealth _health = null!;
    private FakeResourceSource _source = null!;
    private ReconcilerScript _script = null!;
    private OwnStatusWrites _ownWrites = null!;
    private ServiceProvider _services = null!;
    private ControllerParts<Widget> _parts = null!;
    private ControllerService<Widget>? _service;

    [SetUp]
    public void SetUp()
    {
        _time = new SteppingTimeProvider();
        _metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());
        _health = new RuntimeHealth();
        _source = new FakeResourceSource { NextList = () => new ResourceList<Widget>([Widget.Create("ns", "a"), Widget.Create("ns", "b")], "5") };
        _script = new ReconcilerScript();
        _ownWrites = new OwnStatusWrites(_time);
        _services = new ServiceCollection().AddSingleton(_script).AddScoped<IReconciler<Widget>, ScriptedReconciler>().BuildServiceProvider();
        _parts = NewParts();
    }

    private ControllerParts<Widget> NewParts(params IRelatedKeys<Widget>[] related)
        => new(
            new ControllerDefinition<Widget>(Widget.Type, "widget", []),
            new OperatorRuntimeOptions { ResyncPeriod = ResyncPeriod, MaxConcurrentReconciles = 2 },
            _ => _source,
            new ResourceCache<Widget>(),
            new ReconcileQueue<Widget>(new WorkQueue("widget", WorkQueueOptions.Default, _metrics, _time)),
            _services.GetRequiredService<IServiceScopeFactory>(),
            _metrics,
            _health,
            new RecordingEventRecorder(),
            _ownWrites,
            _time,
            NullLoggerFactory.Instance,
            related);

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
    public async Task Start_FirstListDone_ReconcilesEveryObjectAndReportsReady(CancellationToken cancellationToken)
    {
        _health.IsReady.Should().BeFalse();

        await StartAsync(new AlwaysLeaderGate(), cancellationToken);

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 1 && _script.CallsFor(B) == 1, cancellationToken);
        _health.IsReady.Should().BeTrue();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Resync_PeriodElapsed_ReconcilesEveryObjectAgain(CancellationToken cancellationToken)
    {
        await StartAsync(new AlwaysLeaderGate(), cancellationToken);
        await Eventually.UntilAsync(() => _script.Calls.Count == 2, cancellationToken);

        await _time.WaitForTimerAsync(ResyncPeriod, cancellationToken);
        _time.Advance(ResyncPeriod);

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 2 && _script.CallsFor(B) == 2, cancellationToken);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task WatchEvents_ChangeThatConcernsOtherKeys_ReconcilesThemEvenWhenItIsAnOwnStatusWrite(CancellationToken cancellationToken)
    {
        _parts = NewParts(new RunningConcernsB());
        await StartAsync(new AlwaysLeaderGate(), cancellationToken);
        var stream = await _source.NextStreamAsync(cancellationToken);
        await Eventually.UntilAsync(() => _script.Calls.Count == 2, cancellationToken);

        Wrote(A, "6");
        stream.Send(WatchEventKind.Modified, Running(A, "6"));

        await Eventually.UntilAsync(() => _script.CallsFor(B) == 2, cancellationToken);
        await SettledAsync(stream, "7", cancellationToken);
        _script.CallsFor(A).Should().Be(1, "this process's own status write does not reconcile the object itself");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task WatchEvents_OwnStatusWriteSkippedGenerationChangeReconciled(CancellationToken cancellationToken)
    {
        var stream = await StartLeadingAsync(cancellationToken);

        Wrote(A, "6");
        stream.Send(WatchEventKind.Modified, Running(A, "6"));
        await SettledAsync(stream, "7", cancellationToken);

        _script.CallsFor(A).Should().Be(1);
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_status_wakes_total{controller=\"widget\"}", cancellationToken)).Should().Be(0);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task WatchEvents_StatusChangedBySomeoneElse_ReconcilesTheObjectAtOnce(CancellationToken cancellationToken)
    {
        var stream = await StartLeadingAsync(cancellationToken);

        stream.Send(WatchEventKind.Modified, Running(A, "6"));

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 2, cancellationToken);
        _script.Calls[^1].Resource.Status!.Phase.Should().Be("Running");
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_status_wakes_total{controller=\"widget\"}", cancellationToken)).Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task WatchEvents_OwnStatusWriteSeenBeforeItsAnswer_ReconcilesNothing(CancellationToken cancellationToken)
    {
        var stream = await StartLeadingAsync(cancellationToken);

        _ownWrites.Sending(Widget.Type, A);
        stream.Send(WatchEventKind.Modified, Running(A, "6"));
        await Eventually.UntilAsync(() => _parts.Cache.TryGet(A, out var a) && a.Metadata.ResourceVersion == "6", cancellationToken);
        _ownWrites.Sent(Widget.Type, A, "6");
        await SettledAsync(stream, "7", cancellationToken);

        _script.CallsFor(A).Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task WatchEvents_SomeoneElsesStatusChangeWhileAnOwnWriteIsUnderWay_ReconcilesTheObjectOnceTheAnswerShowsIt(CancellationToken cancellationToken)
    {
        var stream = await StartLeadingAsync(cancellationToken);

        _ownWrites.Sending(Widget.Type, A);
        stream.Send(WatchEventKind.Modified, Running(A, "6"));
        await SettledAsync(stream, "7", cancellationToken);
        _script.CallsFor(A).Should().Be(1, "the change may be the write under way");
        _ownWrites.Sent(Widget.Type, A, "8");

        await Eventually.UntilAsync(() => _script.CallsFor(A) == 2, cancellationToken);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task WatchEvents_OwnStatusWriteWhoseAnswerWasLost_CostsOneReconcileAndNoMore(CancellationToken cancellationToken)
    {
        var stream = await StartLeadingAsync(cancellationToken);

        _ownWrites.Sending(Widget.Type, A);
        _ownWrites.Sent(Widget.Type, A, null);
        stream.Send(WatchEventKind.Modified, Running(A, "6"));
        await Eventually.UntilAsync(() => _script.CallsFor(A) == 2, cancellationToken);
        await SettledAsync(stream, "7", cancellationToken);

        _script.CallsFor(A).Should().Be(2, "a reconcile that writes nothing is not followed by another");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task WatchEvents_LabelChangedBySomeoneElse_ReconcilesNothing(CancellationToken cancellationToken)
    {
        var stream = await StartLeadingAsync(cancellationToken);

        var labelled = Widget.Create("ns", "a", "6");
        labelled.Metadata.Labels = new Dictionary<string, string> { ["team"] = "fhir" };
        stream.Send(WatchEventKind.Modified, labelled);
        await SettledAsync(stream, "7", cancellationToken);

        _script.CallsFor(A).Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Relist_OwnWritesAndUnchangedObjects_ReconcilesOnlyTheStatusSomeoneElseChanged(CancellationToken cancellationToken)
    {
        var c = new ObjectKey("ns", "c");
        _source.NextList = () => new ResourceList<Widget>([Widget.Create("ns", "a"), Widget.Create("ns", "b"), Widget.Create("ns", "c")], "5");
        var stream = await StartLeadingAsync(cancellationToken);
        await Eventually.UntilAsync(() => _script.CallsFor(c) == 1, cancellationToken);
        Wrote(A, "6");
        Wrote(A, "7");
        _source.NextList = () => new ResourceList<Widget>([Running(A, "7"), Widget.Create("ns", "b"), Running(c, "8")], "8");

        stream.Fail(new ResourceVersionExpiredException("too old"));
        var relisted = await _source.NextStreamAsync(cancellationToken);
        await Eventually.UntilAsync(() => _script.CallsFor(c) == 2, cancellationToken);
        await SettledAsync(relisted, "9", cancellationToken);

        _script.CallsFor(A).Should().Be(1);
        _script.CallsFor(B).Should().Be(2, "only the change sent after the relist reconciles it");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Stop_ReconcileInFlight_WaitsForItToFinish(CancellationToken cancellationToken)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _script.Behaviour = async (_, _) =>
        {
            await release.Task;
            return ReconcileResult.Done;
        };
        var service = await StartAsync(new AlwaysLeaderGate(), cancellationToken);
        await Eventually.UntilAsync(() => _script.Calls.Count == 2, cancellationToken);

        var stopping = service.StopAsync(cancellationToken);
        stopping.IsCompleted.Should().BeFalse();
        release.SetResult();
        await stopping;
        _service = null;
        service.Dispose();

        (await Metric.ValueAsync(_metrics.Registry, "controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"}", cancellationToken)).Should().Be(2);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task LeadershipLost_CancelsReconcilesAtOnceAndStartsNoMoreUntilReElected(CancellationToken cancellationToken)
    {
        var elector = new FakeLeaderElector();
        var cancelled = 0;
        _script.Behaviour = async (_, token) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                Interlocked.Increment(ref cancelled);
            }

            return ReconcileResult.Done;
        };
        await StartAsync(new LeaseLeaderGate(elector, "lease", _metrics, NullLogger<LeaseLeaderGate>.Instance), cancellationToken);
        await Eventually.UntilAsync(() => _health.IsReady, cancellationToken);
        _script.Calls.Should().BeEmpty("a standby does not reconcile");

        elector.Elect();
        await Eventually.UntilAsync(() => _script.Calls.Count == 2, cancellationToken);
        elector.Depose();
        await Eventually.UntilAsync(() => Volatile.Read(ref cancelled) == 2, cancellationToken);
        _parts.Queue.Enqueue(A);

        _script.Calls.Should().HaveCount(2);
        _script.Behaviour = (_, _) => Task.FromResult(ReconcileResult.Done);
        elector.Elect();
        await Eventually.UntilAsync(() => _script.CallsFor(A) == 2 && _script.CallsFor(B) == 2, cancellationToken);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Standby_CacheSyncedAndResynced_QueuesNothingAndReportsAnEmptyQueue(CancellationToken cancellationToken)
    {
        var elector = new FakeLeaderElector();
        await StartAsync(new LeaseLeaderGate(elector, "lease", _metrics, NullLogger<LeaseLeaderGate>.Instance), cancellationToken);
        await Eventually.UntilAsync(() => _health.IsReady, cancellationToken);

        var stream = await _source.NextStreamAsync(cancellationToken);
        var edited = Widget.Create("ns", "a", "6", generation: 2);
        _source.NextList = () => new ResourceList<Widget>([edited, Widget.Create("ns", "b")], "6");
        stream.Send(WatchEventKind.Modified, edited);
        await Eventually.UntilAsync(() => _parts.Cache.TryGet(A, out var a) && a.Metadata.Generation == 2, cancellationToken);
        _time.Advance(ResyncPeriod);

        _parts.Queue.WorkQueue.Count.Should().Be(0);
        (await Metric.ValueAsync(_metrics.Registry, "workqueue_depth{name=\"widget\"}", cancellationToken)).Should().Be(0);
        elector.Elect();
        await Eventually.UntilAsync(() => _script.CallsFor(A) == 1 && _script.CallsFor(B) == 1, cancellationToken);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Standby_StatusChangedByTheLeader_QueuesNothingAndCountsNoWake(CancellationToken cancellationToken)
    {
        var elector = new FakeLeaderElector();
        await StartAsync(new LeaseLeaderGate(elector, "lease", _metrics, NullLogger<LeaseLeaderGate>.Instance), cancellationToken);
        await Eventually.UntilAsync(() => _health.IsReady, cancellationToken);
        var stream = await _source.NextStreamAsync(cancellationToken);

        stream.Send(WatchEventKind.Modified, Running(A, "6"));
        await Eventually.UntilAsync(() => _parts.Cache.TryGet(A, out var a) && a.Metadata.ResourceVersion == "6", cancellationToken);

        _parts.Queue.WorkQueue.Count.Should().Be(0);
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_status_wakes_total{controller=\"widget\"}", cancellationToken)).Should().Be(0);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task LeadershipLost_KeysStillQueued_AreDroppedSoTheFormerLeaderReportsAnEmptyQueue(CancellationToken cancellationToken)
    {
        var elector = new FakeLeaderElector();
        _script.Behaviour = async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return ReconcileResult.Done;
        };
        await StartAsync(new LeaseLeaderGate(elector, "lease", _metrics, NullLogger<LeaseLeaderGate>.Instance), cancellationToken);
        await Eventually.UntilAsync(() => _health.IsReady, cancellationToken);
        elector.Elect();
        await Eventually.UntilAsync(() => _script.Calls.Count == 2, cancellationToken);

        elector.Depose();

        await Eventually.UntilAsync(() => _parts.Queue.WorkQueue.Count == 0, cancellationToken);
        (await Metric.ValueAsync(_metrics.Registry, "workqueue_depth{name=\"widget\"}", cancellationToken)).Should().Be(0);
    }

    /// <summary>Starts leading, waits for the first reconcile of each listed object and returns the watch stream.</summary>
    private async Task<ScriptedWatch> StartLeadingAsync(CancellationToken cancellationToken)
    {
        var listed = _source.NextList().Items.Count;
        await StartAsync(new AlwaysLeaderGate(), cancellationToken);
        var stream = await _source.NextStreamAsync(cancellationToken);
        await Eventually.UntilAsync(() => _script.Calls.Count == listed, cancellationToken);
        return stream;
    }

    /// <summary>Records a status write of this process whose answer carried <paramref name="resourceVersion"/>.</summary>
    private void Wrote(ObjectKey key, string resourceVersion)
    {
        _ownWrites.Sending(Widget.Type, key);
        _ownWrites.Sent(Widget.Type, key, resourceVersion);
    }

    private static Widget Running(ObjectKey key, string resourceVersion)
    {
        var widget = Widget.Create(key.Namespace!, key.Name, resourceVersion);
        widget.Status = new WidgetStatus { Phase = "Running" };
        return widget;
    }

    /// <summary>
    /// Sends a spec change of B at <paramref name="resourceVersion"/> and waits until it is reconciled and no worker is
    /// busy: the watch delivers in order, so every change sent before it has queued whatever it queues, and that is done.
    /// </summary>
    private async Task SettledAsync(ScriptedWatch stream, string resourceVersion, CancellationToken cancellationToken)
    {
        var calls = _script.CallsFor(B);
        stream.Send(WatchEventKind.Modified, Widget.Create("ns", "b", resourceVersion, generation: calls + 10));
        await Eventually.UntilAsync(
            () => _script.CallsFor(B) == calls + 1 && _parts.Queue.WorkQueue.Count == 0 && _metrics.ActiveWorkers.WithLabels("widget").Value == 0,
            cancellationToken);
    }

    private async Task<ControllerService<Widget>> StartAsync(ILeaderGate gate, CancellationToken cancellationToken)
    {
        _service = new ControllerService<Widget>(_parts, gate, _time, NullLogger<ControllerService<Widget>>.Instance);
        await _service.StartAsync(cancellationToken);
        return _service;
    }

    /// <summary>Names B when an object turns Running.</summary>
    private sealed class RunningConcernsB : IRelatedKeys<Widget>
    {
        public IEnumerable<ObjectKey> KeysFor(Widget? previous, Widget? current)
            => previous?.Status?.Phase != "Running" && current?.Status?.Phase == "Running" ? [B] : [];
    }
}
