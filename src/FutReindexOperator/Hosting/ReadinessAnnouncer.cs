using FutReindexOperator.Diagnostics;
using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Runtime.Leadership;
using Microsoft.Extensions.Options;

namespace FutReindexOperator.Hosting;

/// <summary>
/// Logs <c>Operator ready</c> once, when every cache has synced (what <c>/readyz</c> reports), so that process-level
/// tests and the sandbox can wait on the log as well as on the endpoint. The line tells the truth about leadership: a
/// replica that does not hold the lease yet says it waits for it (and the runtime logs when it becomes leader).
/// </summary>
public sealed class ReadinessAnnouncer(
    RuntimeHealth health,
    OperatorHttpServer httpServer,
    ILeaderGate gate,
    IOptions<OperatorRuntimeOptions> options,
    TimeProvider timeProvider,
    ILogger<ReadinessAnnouncer> logger)
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

        var address = httpServer.Address?.ToString() ?? "";
        if (gate.IsLeader)
        {
            logger.OperatorReady(address);
        }
        else
        {
            logger.OperatorStandby(options.Value.LeaderElection.LeaseName, address);
        }
    }
}
