using FutReindexOperator.Diagnostics;

namespace FutReindexOperator.Hosting;

/// <summary>
/// Creates the operator's metric families when the host starts. They are otherwise created with the first reconcile,
/// which a standby never runs: it must export them too (the job gauges come from its cache, the counters at 0).
/// </summary>
internal sealed class MetricsPublication(ReindexMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(metrics);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
