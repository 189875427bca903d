using FutReindexOperator.Diagnostics;
using FutReindexOperator.Runtime.Hosting;

namespace FutReindexOperator.Hosting;

/// <summary>
/// Logs <c>Operator ready</c> once, when every cache has synced (what <c>/readyz</c> reports), so that process-level
/// tests and the sandbox can wait on the log as well as on the endpoint.
/// </summary>
public sealed class ReadinessAnnouncer(RuntimeHealth health, OperatorHttpServer httpServer, TimeProvider timeProvider, ILogger<ReadinessAnnouncer> logger)
    : BackgroundService
{
    /// <summary>How often readiness is checked until it is reached.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, timeProvider);
        while (!health.IsReady || httpServer.Address is null)
        {
            await timer.WaitForNextTickAsync(stoppingToken);
        }

        logger.OperatorReady(httpServer.Address?.ToString() ?? "");
    }
}
