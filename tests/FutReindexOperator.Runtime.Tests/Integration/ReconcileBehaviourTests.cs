using System.Net;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Testing.Conditions;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>Reconcile ordering and the health and metrics endpoint, against the API server.</summary>
public sealed class ReconcileBehaviourTests : ApiServerFixture
{
    [Test]
    [CancelAfter(60_000)]
    public async Task BurstOfUpdatesToOneKey_NeverRunsTwoReconcilesOfItAtOnce(CancellationToken cancellationToken)
    {
        await using var runtime = await StartRuntimeAsync("solo", cancellationToken);
        var name = UniqueName("burst");
        await CreateWidgetAsync(name, cancellationToken);
        var others = Enumerable.Range(0, 3).Select(_ => UniqueName("other")).ToList();
        foreach (var other in others)
        {
            await CreateWidgetAsync(other, cancellationToken);
        }

        var updates = Enumerable.Range(2, 40).Select(size => ResizeWidgetAsync(name, size, cancellationToken));
        var final = (await Task.WhenAll(updates)).Max(widget => widget.Metadata.Generation);

        await Eventually.UntilAsync(
            async token => (await GetWidgetAsync(name, token)).Status?.ObservedGeneration == final, cancellationToken);
        runtime.Script.MaxActivePerKey.Should().Be(1);
        runtime.Script.CallsFor(new ObjectKey(Namespace, name)).Should().BeInRange(2, 41);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task StatusEditedByAnotherClient_IsReconciledAtOnceAndItsRepairWakesNothing(CancellationToken cancellationToken)
    {
        await using var runtime = await StartRuntimeAsync("solo", cancellationToken);
        var name = UniqueName("edited");
        await CreateWidgetAsync(name, cancellationToken);
        await Eventually.UntilAsync(async token => (await GetWidgetAsync(name, token)).Status?.Phase == "Reconciled", cancellationToken);

        await PatchWidgetStatusAsync(name, "EditedByHand", cancellationToken);

        await Eventually.UntilAsync(async token => (await GetWidgetAsync(name, token)).Status?.Phase == "Reconciled", cancellationToken);
        await SettledAsync(runtime, cancellationToken);
        runtime.Script.CallsFor(new ObjectKey(Namespace, name)).Should().Be(2, "the edit wakes it once; its own writes wake nothing");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task MetricsEndpoint_ServesControllerRuntimeNamesWithValuesThatMatchWhatHappened(CancellationToken cancellationToken)
    {
        await using var runtime = await StartRuntimeAsync("solo", cancellationToken);
        var failing = UniqueName("failing");
        runtime.Script.Behaviour = (request, _) =>
            request.Key.Name == failing && runtime.Script.CallsFor(request.Key) == 1
                ? throw new InvalidOperationException("first attempt fails")
                : Task.FromResult(ReconcileResult.Done);
        var names = new[] { UniqueName(), UniqueName(), failing };
        foreach (var name in names)
        {
            await CreateWidgetAsync(name, cancellationToken);
        }

        foreach (var name in names)
        {
            await Eventually.UntilAsync(async token => (await GetWidgetAsync(name, token)).Status?.Phase == "Reconciled", cancellationToken);
        }

        await Eventually.UntilAsync(() => runtime.Script.Calls.Count >= 4, cancellationToken);
        runtime.Script.Calls.Select(call => call.Key.Name + "@" + call.Resource.Metadata.ResourceVersion).Should().HaveCount(4);
        using var http = new HttpClient { BaseAddress = runtime.HttpAddress };
        string metrics = string.Empty;
        await Eventually.UntilAsync(
            async token =>
            {
                metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), token);
                return Metric.Value(metrics, "controller_runtime_active_workers{controller=\"widget\"}") == 0;
            },
            cancellationToken);

        Metric.Value(metrics, "controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"}").Should().Be(3);
        Metric.Value(metrics, "controller_runtime_reconcile_total{controller=\"widget\",result=\"error\"}").Should().Be(1);
        Metric.Value(metrics, "controller_runtime_reconcile_errors_total{controller=\"widget\"}").Should().Be(1);
        Metric.Value(metrics, "controller_runtime_reconcile_time_seconds_count{controller=\"widget\"}").Should().Be(4);
        Metric.Value(metrics, "workqueue_adds_total{name=\"widget\"}").Should().Be(4);
        Metric.Value(metrics, "workqueue_retries_total{name=\"widget\"}").Should().Be(1);
        Metric.Value(metrics, "workqueue_depth{name=\"widget\"}").Should().Be(0);
        Metric.Value(metrics, "workqueue_queue_duration_seconds_count{name=\"widget\"}").Should().Be(4);
        Metric.Value(metrics, "workqueue_work_duration_seconds_count{name=\"widget\"}").Should().Be(4);
        Metric.Value(metrics, $"operator_runtime_watch_stalled{{controller=\"widget\",namespace=\"{Namespace}\"}}").Should().Be(0);
        Metric.Value(metrics, $"operator_runtime_watch_events_total{{controller=\"widget\",namespace=\"{Namespace}\",type=\"Added\"}}").Should().Be(3);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task HealthEndpoints_ReportReadyOnceSyncedAndLive(CancellationToken cancellationToken)
    {
        await using var runtime = await StartRuntimeAsync("solo", cancellationToken);
        using var http = new HttpClient { BaseAddress = runtime.HttpAddress };

        await Eventually.UntilAsync(
            async token => (await http.GetAsync(new Uri("/readyz", UriKind.Relative), token)).StatusCode == HttpStatusCode.OK, cancellationToken);
        var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        (await live.Content.ReadAsStringAsync(cancellationToken)).Should().StartWith("Healthy\n").And.Contain("watches-fresh: Healthy");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task WatchSilentBeyondStalledBound_HealthzFailsUntilABookmarkArrives(CancellationToken cancellationToken)
    {
        await using var runtime = await StartRuntimeAsync(
            "solo", cancellationToken, settings => settings["OperatorRuntime:WatchStalledAfter"] = "00:00:02");
        using var http = new HttpClient { BaseAddress = runtime.HttpAddress };
        var healthz = new Uri("/healthz", UriKind.Relative);

        HttpResponseMessage? response = null;
        await Eventually.UntilAsync(
            async token => (response = await http.GetAsync(healthz, token)).StatusCode == HttpStatusCode.ServiceUnavailable, cancellationToken);
        (await response!.Content.ReadAsStringAsync(cancellationToken)).Should().StartWith("Unhealthy\n").And.Contain($"widget '{Namespace}' silent for");
        (await Metric.ValueAsync(runtime.Metrics.Registry, $"operator_runtime_watch_stalled{{controller=\"widget\",namespace=\"{Namespace}\"}}", cancellationToken))
            .Should().Be(1);

        Server.Controls.EmitBookmarks();

        await Eventually.UntilAsync(
            async token => (await http.GetAsync(healthz, token)).StatusCode == HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>
    /// Creates one more widget and waits until it is reconciled and no worker is busy: the watch delivers in order, so
    /// every change made before it has queued whatever it queues, and that is done.
    /// </summary>
    private async Task SettledAsync(RuntimeInstance runtime, CancellationToken cancellationToken)
    {
        var sentinel = UniqueName("sentinel");
        await CreateWidgetAsync(sentinel, cancellationToken);
        await Eventually.UntilAsync(
            async token => runtime.Script.CallsFor(new ObjectKey(Namespace, sentinel)) == 1
                && (await GetWidgetAsync(sentinel, token)).Status?.Phase == "Reconciled"
                && await Metric.ValueAsync(runtime.Metrics.Registry, "workqueue_depth{name=\"widget\"}", token) == 0
                && await Metric.ValueAsync(runtime.Metrics.Registry, "controller_runtime_active_workers{controller=\"widget\"}", token) == 0,
            cancellationToken);
    }
}
