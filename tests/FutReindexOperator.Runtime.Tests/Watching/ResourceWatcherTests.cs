using System.Net;
using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Runtime.Watching;
using FutReindexOperator.Testing.Conditions;
using k8s.Autorest;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Watching;

public sealed class ResourceWatcherTests
{
    private static readonly WatcherSettings Settings = new(
        InactivityTimeout: TimeSpan.FromSeconds(60), ReconnectBaseDelay: TimeSpan.FromSeconds(2), ReconnectMaxDelay: TimeSpan.FromSeconds(16));

    private SteppingTimeProvider _time = null!;
    private RuntimeMetrics _metrics = null!;
    private FakeResourceSource _source = null!;
    private ResourceCache<Widget> _cache = null!;
    private List<ResourceChange<Widget>> _changes = null!;
    private WatchHealth _health = null!;
    private ResourceWatcher<Widget> _watcher = null!;
    private CancellationTokenSource _stop = null!;
    private Task _running = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new SteppingTimeProvider();
        _metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());
        _source = new FakeResourceSource();
        _cache = new ResourceCache<Widget>();
        _changes = [];
        _health = new WatchHealth("widget", string.Empty, TimeSpan.FromMinutes(5), _metrics, _time);
        _watcher = new ResourceWatcher<Widget>(
            "widget",
            _source,
            scopeNamespace: null,
            _cache,
            change =>
            {
                lock (_changes)
                {
                    _changes.Add(change);
                }
            },
            Settings,
            _health,
            _metrics,
            _time,
            NullLogger.Instance,
            random: () => 0.0);
        _stop = new CancellationTokenSource();
    }

    private static UnreadableObject Unreadable(string name, string resourceVersion) =>
        new("test.example.org/v1", "Widget", new() { Name = name, NamespaceProperty = "ns", ResourceVersion = resourceVersion }, "The JSON value could not be converted to System.Int32. Path: $.spec.size");

    private ResourceWatcher<Widget> Watcher(Action<UnreadableObject>? onUnreadable = null, Func<Action>? onListing = null) => new(
        "widget",
        _source,
        scopeNamespace: null,
        _cache,
        change =>
        {
            lock (_changes)
            {
                _changes.Add(change);
            }
        },
        Settings,
        _health,
        _metrics,
        _time,
        NullLogger.Instance,
        random: () => 0.0,
        onUnreadable,
        onListing);

    [TearDown]
    public async Task TearDown()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        _stop.Dispose();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task List_TellsOnListingBeforeTheRequestAndRunsItsActionOnceTheObjectsAreCached(CancellationToken cancellationToken)
    {
        var seen = new List<string>();
        var watcher = Watcher(onListing: () =>
        {
            seen.Add($"sending after {_source.Lists} lists");
            return () => seen.Add($"applied with {_cache.List().Count} cached");
        });
        _source.NextList = () => new ResourceList<Widget>([Widget.Create("ns", "a"), Widget.Create("ns", "b")], "10");

        _running = watcher.RunAsync(_stop.Token);
        await watcher.Listed.WaitAsync(cancellationToken);

        seen.Should().Equal("sending after 0 lists", "applied with 2 cached");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task List_WithAnUnreadableObject_CachesTheOthersAndReportsIt(CancellationToken cancellationToken)
    {
        var reported = new List<UnreadableObject>();
        var watcher = Watcher(onUnreadable: reported.Add);
        _source.NextList = () => new ResourceList<Widget>([Widget.Create("ns", "a")], "10") { Unreadable = [Unreadable("bad", "9")] };

        _running = watcher.RunAsync(_stop.Token);
        await watcher.Listed.WaitAsync(cancellationToken);

        _cache.List().Select(widget => widget.Metadata.Name).Should().Equal("a");
        reported.Should().ContainSingle().Which.Key.Should().Be(new ObjectKey("ns", "bad"));
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_watch_unreadable_objects_total{controller=\"widget\",namespace=\"\"}", cancellationToken)).Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Watch_ObjectTurnsUnreadable_DropsItsStaleCopyAndGoesOnWithTheNextEvents(CancellationToken cancellationToken)
    {
        var reported = new List<UnreadableObject>();
        var watcher = Watcher(onUnreadable: reported.Add);
        _source.NextList = () => new ResourceList<Widget>([Widget.Create("ns", "a", "5")], "10");
        _running = watcher.RunAsync(_stop.Token);
        var stream = await _source.NextStreamAsync(cancellationToken);

        stream.SendUnreadable(Unreadable("a", "11"));
        stream.Send(WatchEventKind.Added, Widget.Create("ns", "b", "12"));

        await Eventually.UntilAsync(() => _cache.TryGet(new ObjectKey("ns", "b"), out _), cancellationToken);
        _cache.TryGet(new ObjectKey("ns", "a"), out _).Should().BeFalse("a stale copy must not be reconciled as current");
        _cache.TryGetTombstone(new ObjectKey("ns", "a"), out var tombstone).Should().BeTrue();
        tombstone!.Metadata.ResourceVersion.Should().Be("5");
        lock (_changes)
        {
            _changes.Should().Contain(change => change.Key == new ObjectKey("ns", "a") && change.Kind == ResourceChangeKind.Deleted);
        }

        reported.Should().ContainSingle();
        _source.HasOpenedAnotherStream.Should().BeFalse("the stream was not broken by the unreadable object");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_FirstList_FillsCacheAndWatchesFromListVersion(CancellationToken cancellationToken)
    {
        _source.NextList = () => new ResourceList<Widget>([Widget.Create("ns", "a"), Widget.Create("ns", "b")], "10");

        Start();
        var stream = await _source.NextStreamAsync(cancellationToken);

        await _watcher.Listed.WaitAsync(cancellationToken);
        _cache.List().Select(widget => widget.Metadata.Name).Should().BeEquivalentTo("a", "b");
        Changes().Should().OnlyContain(change => change.Kind == ResourceChangeKind.Added);
        stream.ResourceVersion.Should().Be("10");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_WatchEvents_AreAppliedToCacheInOrder(CancellationToken cancellationToken)
    {
        Start();
        var stream = await _source.NextStreamAsync(cancellationToken);

        stream.Send(WatchEventKind.Added, Widget.Create("ns", "a", "2"));
        stream.Send(WatchEventKind.Modified, Widget.Create("ns", "a", "3", generation: 2));
        stream.Send(WatchEventKind.Deleted, Widget.Create("ns", "a", "4", generation: 2));
        await Eventually.UntilAsync(() => Changes().Count == 3, cancellationToken);

        Changes().Select(change => change.Kind).Should().Equal(ResourceChangeKind.Added, ResourceChangeKind.Modified, ResourceChangeKind.Deleted);
        _cache.TryGet(new ObjectKey("ns", "a"), out _).Should().BeFalse();
        _cache.TryGetTombstone(new ObjectKey("ns", "a"), out var tombstone).Should().BeTrue();
        tombstone!.Metadata.ResourceVersion.Should().Be("4");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_StreamClosedByServer_ResumesFromLastVersionSeenWithoutListing(CancellationToken cancellationToken)
    {
        Start();
        var first = await _source.NextStreamAsync(cancellationToken);
        first.Send(WatchEventKind.Added, Widget.Create("ns", "a", "5"));
        first.Bookmark("7");

        first.Close();
        var second = await _source.NextStreamAsync(cancellationToken);

        second.ResourceVersion.Should().Be("7");
        _source.Lists.Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_ResourceVersionExpired_ListsAgainAndSynthesizesMissedDeletes(CancellationToken cancellationToken)
    {
        _source.NextList = () => new ResourceList<Widget>([Widget.Create("ns", "a"), Widget.Create("ns", "b")], "10");
        Start();
        var first = await _source.NextStreamAsync(cancellationToken);
        _source.NextList = () => new ResourceList<Widget>([Widget.Create("ns", "b")], "50");

        first.Fail(new ResourceVersionExpiredException("too old"));
        var second = await _source.NextStreamAsync(cancellationToken);

        second.ResourceVersion.Should().Be("50");
        _source.Lists.Should().Be(2);
        Changes().Should().ContainSingle(change => change.Kind == ResourceChangeKind.Deleted)
            .Which.Key.Should().Be(new ObjectKey("ns", "a"));
        _cache.List().Should().ContainSingle().Which.Metadata.Name.Should().Be("b");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_StreamSilentPastInactivityTimeout_IsRestartedFromSameVersion(CancellationToken cancellationToken)
    {
        Start();
        var first = await _source.NextStreamAsync(cancellationToken);

        _time.Advance(Settings.InactivityTimeout);
        var second = await _source.NextStreamAsync(cancellationToken);

        second.ResourceVersion.Should().Be(first.ResourceVersion);
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_watch_restarts_total{controller=\"widget\",namespace=\"\",reason=\"inactivity\"}", cancellationToken))
            .Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_EventsKeepArriving_WatchdogDoesNotFire(CancellationToken cancellationToken)
    {
        Start();
        var stream = await _source.NextStreamAsync(cancellationToken);

        for (var version = 2; version < 6; version++)
        {
            _time.Advance(Settings.InactivityTimeout - TimeSpan.FromSeconds(1));
            stream.Bookmark(version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // The watcher re-arms the watchdog before it records the activity.
            await Eventually.UntilAsync(() => _health.SinceLastActivity == TimeSpan.Zero, cancellationToken);
        }

        _source.HasOpenedAnotherStream.Should().BeFalse();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_StreamFails_ReconnectsOnlyAfterBackoff(CancellationToken cancellationToken)
    {
        Start();
        var first = await _source.NextStreamAsync(cancellationToken);

        first.Fail(new IOException("connection reset"));
        var delay = Settings.ReconnectBaseDelay / 2;
        await _time.WaitForTimerAsync(delay, cancellationToken);
        _source.HasOpenedAnotherStream.Should().BeFalse();
        _time.Advance(delay);

        (await _source.NextStreamAsync(cancellationToken)).ResourceVersion.Should().Be(first.ResourceVersion);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_StreamFailsAfterEvents_ResumesFromLastEventNotFromStreamStart(CancellationToken cancellationToken)
    {
        Start();
        var first = await _source.NextStreamAsync(cancellationToken);
        first.Send(WatchEventKind.Added, Widget.Create("ns", "a", "8"));

        first.Fail(new IOException("connection reset"));
        _time.Advance(await NextBackoffAsync(cancellationToken));

        (await _source.NextStreamAsync(cancellationToken)).ResourceVersion.Should().Be("8");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_RepeatedFailures_BackoffDoublesToCap(CancellationToken cancellationToken)
    {
        Start();
        var observed = new List<TimeSpan>();
        var stream = await _source.NextStreamAsync(cancellationToken);
        for (var failure = 0; failure < 5; failure++)
        {
            stream.Fail(new IOException("connection reset"));
            var delay = await NextBackoffAsync(cancellationToken);
            observed.Add(delay);
            _time.Advance(delay);
            stream = await _source.NextStreamAsync(cancellationToken);
        }

        observed.Should().Equal(new[] { 1, 2, 4, 8, 8 }.Select(seconds => TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_ListFails_RetriesListAfterBackoff(CancellationToken cancellationToken)
    {
        var failuresLeft = 1;
        _source.NextList = () => failuresLeft-- > 0
            ? throw new HttpRequestException("500")
            : new ResourceList<Widget>([Widget.Create("ns", "a")], "3");

        Start();
        _time.Advance(await NextBackoffAsync(cancellationToken));
        var stream = await _source.NextStreamAsync(cancellationToken);

        stream.ResourceVersion.Should().Be("3");
        _cache.List().Should().ContainSingle();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_ServerAnswers429WithRetryAfter_WaitsAtLeastThatLong(CancellationToken cancellationToken)
    {
        var failuresLeft = 1;
        _source.NextList = () => failuresLeft-- > 0 ? throw TooManyRequests(retryAfterSeconds: 20) : new ResourceList<Widget>([], "3");

        Start();

        (await NextBackoffAsync(cancellationToken)).Should().Be(TimeSpan.FromSeconds(20));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task WatchHealth_NothingDeliveredWithinBound_ReportsStalledUntilNextBookmark(CancellationToken cancellationToken)
    {
        Start();
        await _source.NextStreamAsync(cancellationToken);
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var restarted = await _source.NextStreamAsync(cancellationToken);

        _health.IsStalled.Should().BeTrue();
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_watch_stalled{controller=\"widget\",namespace=\"\"}", cancellationToken))
            .Should().Be(1);

        restarted.Bookmark("99");
        await Eventually.UntilAsync(() => !_health.IsStalled, cancellationToken);
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_watch_stalled{controller=\"widget\",namespace=\"\"}", cancellationToken))
            .Should().Be(0);
    }

    private async Task<TimeSpan> NextBackoffAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = await _time.NextTimerAsync(cancellationToken);
            if (due != Settings.InactivityTimeout)
            {
                return due;
            }
        }
    }

    private static HttpOperationException TooManyRequests(int retryAfterSeconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new HttpOperationException("429") { Response = new HttpResponseMessageWrapper(response, string.Empty) };
    }

    private void Start() => _running = Task.Run(() => _watcher.RunAsync(_stop.Token));

    private List<ResourceChange<Widget>> Changes()
    {
        lock (_changes)
        {
            return [.. _changes];
        }
    }
}
