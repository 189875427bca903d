using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Runtime.Watching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Watching;

/// <summary>
/// A watcher whose kind the API server does not serve (404: its CRD is missing, as after a Helm upgrade that does not
/// upgrade crds/): one clear error, lists again with a backoff that grows to minutes, reported but never stalled, and
/// starts by itself once the CRD exists.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class MissingCrdTests : IDisposable
{
    private const string Crd = "widgets.test.example.org";
    private const string InstallHint = "kubectl apply --server-side -f crds/widgets.yaml";

    private static readonly WatcherSettings Settings = new(
        InactivityTimeout: TimeSpan.FromSeconds(60), ReconnectBaseDelay: TimeSpan.FromSeconds(1), ReconnectMaxDelay: TimeSpan.FromSeconds(30))
    {
        NotServedMaxDelay = TimeSpan.FromMinutes(2),
        InstallHint = InstallHint,
    };

    private static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(5);

    private readonly SteppingTimeProvider _time = new();
    private readonly RuntimeMetrics _metrics = new(Metrics.NewCustomRegistry());
    private readonly FakeResourceSource _source = new();
    private readonly FakeLogger _logger = new();
    private WatchHealth _health = null!;
    private ResourceWatcher<Widget> _watcher = null!;
    private CancellationTokenSource _stop = null!;
    private Task _running = Task.CompletedTask;

    [SetUp]
    public void SetUp()
    {
        _health = new WatchHealth("widget", string.Empty, StalledAfter, _metrics, _time);
        _watcher = new ResourceWatcher<Widget>(
            "widget", _source, scopeNamespace: null, new ResourceCache<Widget>(), _ => { }, Settings, _health, _metrics, _time, _logger, random: () => 0.0);
        _stop = new CancellationTokenSource();
        _source.NextList = () => throw new ResourceTypeNotServedException(Widget.Type, null);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _stop.CancelAsync();
        await _running;
    }

    public void Dispose() => _stop.Dispose();

    [Test]
    [CancelAfter(10_000)]
    public async Task A_missing_CRD_is_logged_once_as_an_error_naming_it_and_the_command_that_installs_it(CancellationToken cancellationToken)
    {
        _running = _watcher.RunAsync(_stop.Token);

        for (var list = 1; list <= 10; list++)
        {
            _time.Advance(await _time.NextTimerAsync(cancellationToken));
        }

        await Testing.Conditions.Eventually.UntilAsync(() => _source.Lists >= 11, cancellationToken);
        var errors = _logger.Collector.GetSnapshot().Where(record => record.Level >= LogLevel.Warning).ToList();
        errors.Should().ContainSingle().Which.Level.Should().Be(LogLevel.Error);
        errors[0].Message.Should().Contain(Crd).And.Contain(InstallHint).And.Contain("Helm").And.Contain("widget");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_missing_CRD_is_listed_again_with_a_backoff_that_doubles_up_to_minutes_never_in_a_busy_loop(CancellationToken cancellationToken)
    {
        _running = _watcher.RunAsync(_stop.Token);
        var delays = new List<TimeSpan>();

        for (var list = 1; list <= 10; list++)
        {
            var delay = await _time.NextTimerAsync(cancellationToken);
            delays.Add(delay);
            _time.Advance(delay);
        }

        // Jitter drawn at 0 spreads each wait over its upper half: 1 s, 2 s, 4 s, … until the 2 min cap.
        delays.Should().Equal(
            [.. new[] { 1, 2, 4, 8, 16, 32, 64, 120, 120, 120 }.Select(seconds => TimeSpan.FromSeconds(seconds) / 2)]);
        _source.Lists.Should().BeInRange(10, 11, "one list per wait");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_missing_CRD_is_reported_in_health_and_metrics_but_never_as_a_stalled_watch(CancellationToken cancellationToken)
    {
        _running = _watcher.RunAsync(_stop.Token);
        await _time.NextTimerAsync(cancellationToken);

        _time.Advance(StalledAfter * 2);

        _health.MissingCrd.Should().Be(Crd);
        _health.IsStalled.Should().BeFalse("a watch waiting for its CRD is not stuck; failing liveness would only restart the pod in a loop");
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_watch_crd_missing{controller=\"widget\",namespace=\"\"}", cancellationToken)).Should().Be(1);
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_watch_stalled{controller=\"widget\",namespace=\"\"}", cancellationToken)).Should().Be(0);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Once_the_CRD_exists_the_next_list_fills_the_cache_and_the_watch_starts_without_a_restart(CancellationToken cancellationToken)
    {
        _running = _watcher.RunAsync(_stop.Token);
        _time.Advance(await _time.NextTimerAsync(cancellationToken));
        var wait = await _time.NextTimerAsync(cancellationToken);

        _source.NextList = () => new ResourceList<Widget>([Widget.Create("ns", "a")], "7");
        _time.Advance(wait);
        var stream = await _source.NextStreamAsync(cancellationToken);

        await _watcher.Listed.WaitAsync(cancellationToken);
        stream.ResourceVersion.Should().Be("7");
        _health.MissingCrd.Should().BeNull();
        (await Metric.ValueAsync(_metrics.Registry, "operator_runtime_watch_crd_missing{controller=\"widget\",namespace=\"\"}", cancellationToken)).Should().Be(0);
        _logger.Collector.GetSnapshot().Should().Contain(record => record.Level == LogLevel.Information && record.Message.Contains($"{Crd} of widget is served now", StringComparison.Ordinal));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_CRD_deleted_while_watching_drops_the_resume_point_and_lists_again_once_it_is_back(CancellationToken cancellationToken)
    {
        _source.NextList = () => new ResourceList<Widget>([], "3");
        _running = _watcher.RunAsync(_stop.Token);
        var first = await _source.NextStreamAsync(cancellationToken);
        first.Bookmark("9");
        _source.NextList = () => throw new ResourceTypeNotServedException(Widget.Type, null);

        first.Fail(new ResourceTypeNotServedException(Widget.Type, null));
        var wait = await NextBackoffAsync(cancellationToken);
        _health.MissingCrd.Should().Be(Crd);
        _source.NextList = () => new ResourceList<Widget>([], "20");
        _time.Advance(wait);
        var second = await _source.NextStreamAsync(cancellationToken);

        second.ResourceVersion.Should().Be("20", "a resource version from before the CRD was deleted means nothing to the new one");
        _source.Lists.Should().Be(2);
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
}
