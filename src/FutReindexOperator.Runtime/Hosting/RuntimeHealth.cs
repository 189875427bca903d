using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>What <c>/readyz</c> and <c>/healthz</c> report: whether every controller's cache has synced, which
/// watches are stalled, and whose reconcile workers stopped unexpectedly.</summary>
public sealed class RuntimeHealth
{
    private readonly Lock _gate = new();
    private readonly List<(string Controller, Func<bool> HasSynced)> _caches = [];
    private readonly List<WatchHealth> _watches = [];
    private readonly List<WorkerHealth> _workers = [];

    /// <summary>True when every registered cache has synced (leader or standby alike).</summary>
    public bool IsReady => Unsynced().Count == 0;

    internal void Register(string controller, Func<bool> hasSynced)
    {
        lock (_gate)
        {
            _caches.Add((controller, hasSynced));
        }
    }

    internal void Register(WatchHealth watch)
    {
        lock (_gate)
        {
            _watches.Add(watch);
        }
    }

    internal void Register(WorkerHealth workers)
    {
        lock (_gate)
        {
            _workers.Add(workers);
        }
    }

    /// <summary>The controllers whose cache has not synced yet.</summary>
    internal IReadOnlyList<string> Unsynced()
    {
        lock (_gate)
        {
            return [.. _caches.Where(cache => !cache.HasSynced()).Select(cache => cache.Controller)];
        }
    }

    /// <summary>The watches that delivered nothing within their stalled bound.</summary>
    internal IReadOnlyList<WatchHealth> Stalled()
    {
        lock (_gate)
        {
            return [.. _watches.Where(watch => watch.IsStalled)];
        }
    }

    /// <summary>The controllers with reconcile workers that stopped other than by shutdown or loss of leadership.</summary>
    internal IReadOnlyList<WorkerHealth> DeadWorkers()
    {
        lock (_gate)
        {
            return [.. _workers.Where(workers => !workers.IsAlive)];
        }
    }
}
