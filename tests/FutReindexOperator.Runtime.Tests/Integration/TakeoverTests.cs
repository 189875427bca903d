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

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>A standby whose watch lags the API server takes over: its term waits for the cache to catch up.</summary>
public sealed class TakeoverTests : ApiServerFixture
{
    private static readonly TimeSpan BackoffMax = TimeSpan.FromSeconds(2);

    [Test]
    [CancelAfter(30_000)]
    public async Task StandbyWhoseWatchLags_TakesOver_ReconcilesTheObjectOnlyAtTheVersionTheServerHeld(CancellationToken cancellationToken)
    {
        var name = UniqueName();
        await CreateWidgetAsync(name, cancellationToken);
        var key = new ObjectKey(Namespace, name);
        var time = new SteppingTimeProvider();
        var metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());
        var health = new RuntimeHealth();
        var script = new ReconcilerScript();
        await using var services = new ServiceCollection().AddSingleton(script).AddScoped<IReconciler<Widget>, ScriptedReconciler>().BuildServiceProvider();
        using var client = new k8s.Kubernetes(ClientConfiguration());
        var options = new OperatorRuntimeOptions
        {
            Namespaces = { Namespace },
            ResyncPeriod = TimeSpan.FromDays(1),
            WatchInactivityTimeout = TimeSpan.FromDays(1),
            WatchBackoffBase = TimeSpan.FromSeconds(1),
            WatchBackoffMax = BackoffMax,
        };
        var parts = new ControllerParts<Widget>(
            new ControllerDefinition<Widget>(Widget.Type, "widget", []),
            options,
            scope => new KubernetesResourceSource<Widget>(client, Widget.Type, scope, null, 60),
            new ResourceCache<Widget>(),
            new ReconcileQueue<Widget>(new WorkQueue("widget", WorkQueueOptions.Default, metrics, time)),
            services.GetRequiredService<IServiceScopeFactory>(),
            metrics,
            health,
            new RecordingEventRecorder(),
            new OwnStatusWrites(time),
            time,
            NullLoggerFactory.Instance);
        var elector = new FakeLeaderElector();
        using var service = new ControllerService<Widget>(
            parts, new LeaseLeaderGate(elector, "lease", metrics, NullLogger<LeaseLeaderGate>.Instance), time, NullLogger<ControllerService<Widget>>.Instance);
        await service.StartAsync(cancellationToken);
        try
        {
            await Eventually.UntilAsync(() => health.IsReady && parts.Cache.TryGet(key, out _), cancellationToken);

            // The standby's watch falls behind: its stream ends, its reconnects are refused, and its backoff waits on a
            // clock that does not move. Meanwhile the old leader writes the status.
            Server.Controls.FailNext("watch", "*widgets*", 500, count: 100);
            Server.Controls.CloseAllWatches();
            var written = await PatchWidgetStatusAsync(name, "Running", cancellationToken);
            parts.Cache.TryGet(key, out var cached).Should().BeTrue();
            cached!.ResourceVersion().Should().NotBe(written.ResourceVersion());

            elector.Elect();
            await time.WaitForTimerAsync(TakeoverBarrier.Expiry, cancellationToken);
            script.CallsFor(key).Should().Be(0, "the cache shows the widget older than the server did when the term began");

            Server.Controls.Reset();
            time.Advance(BackoffMax);

            await Eventually.UntilAsync(() => script.CallsFor(key) == 1, cancellationToken);
            script.Calls.Single(call => call.Key == key).Resource.ResourceVersion().Should().Be(written.ResourceVersion());
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }
}
