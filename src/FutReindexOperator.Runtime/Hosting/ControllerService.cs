using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Leadership;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>
/// Runs one controller: its watchers (on every replica, so a standby has a warm cache and is ready), the periodic
/// resync, and — only while this replica leads — the queue and the reconcile workers. Each term begins by comparing the
/// cache with a consistent list (<see cref="ControllerParts{TResource}.TakeOverAsync"/>), so that no decision of the term
/// is made on a cached copy older than what the API server held when it began.
/// </summary>
/// <remarks>
/// Graceful stop drains: the queue stops handing out keys, in-flight reconciles finish, then the leader gate releases
/// the lease so a successor takes over at once. Losing leadership instead cancels in-flight reconciles at once.
/// </remarks>
internal sealed class ControllerService<TResource> : BackgroundService
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ControllerParts<TResource> _parts;
    private readonly ILeaderGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile Task _workers = Task.CompletedTask;

    public ControllerService(ControllerParts<TResource> parts, ILeaderGate gate, TimeProvider time, ILogger<ControllerService<TResource>> logger)
    {
        _parts = parts;
        _gate = gate;
        _time = time;
        _logger = logger;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Drain: no new keys are handed out, the reconciles in flight finish (bounded by the host's shutdown timeout).
        _parts.Queue.WorkQueue.ShutDown();
        await _workers.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watching = Task.WhenAll(_parts.Watchers.Select(watcher => Task.Run(() => watcher.RunAsync(stoppingToken), CancellationToken.None)));
        try
        {
            await Task.WhenAll(_parts.Watchers.Select(watcher => watcher.Listed)).WaitAsync(stoppingToken);
            _parts.Cache.MarkSynced();
            _logger.CacheSynced(_parts.Name);
            var resync = ResyncAsync(stoppingToken);
            await _gate.RunAsync(LeadAsync, stoppingToken);
            await resync;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await watching;
        }
    }

    private async Task LeadAsync(CancellationToken leading)
    {
        try
        {
            await _parts.TakeOverAsync(leading);
            _parts.StartQueueing();
            var workers = _parts.Loop.RunAsync(_parts.Concurrency, leading);
            _workers = workers;
            await workers;
        }
        finally
        {
            _parts.StopQueueing();
        }
    }

    private async Task ResyncAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_parts.ResyncPeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var key in _parts.Cache.Keys())
                {
                    _parts.Enqueue(key);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
