using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>What <c>/readyz</c> and <c>/healthz</c> report: whether every controller's cache has synced, which
/// watches are stalled, whose reconcile workers stopped unexpectedly, and which controllers wait for a missing CRD.</summary>
public sealed class RuntimeHealth
{
    private readonly Lock _gate = new();
    private readonly List<(string Controller, Func<bool> HasSynced)> _caches = [];
    private readonly List<WatchHealth> _watches = [];
    private readonly List<WorkerHealth> _workers = [];

    /// <summary>
    /// True when every registered cache has synced (leader or standby alike), but for those of controllers whose CRD is
    /// missing.
    /// </summary>
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

    /// <summary>
    /// The controllers whose cache has not synced yet, leaving out those whose kind the API server does not serve: a
    /// controller waiting for its CRD keeps neither the others nor the process from being ready (see
    /// <see cref="MissingCrds"/>).
    /// </summary>
    internal IReadOnlyList<string> Unsynced()
    {
        lock (_gate)
        {
            var waitingForCrd = _watches.Where(watch => watch.MissingCrd is not null).Select(watch => watch.Controller).ToHashSet(StringComparer.Ordinal);
            return [.. _caches.Where(cache => !cache.HasSynced() && !waitingForCrd.Contains(cache.Controller)).Select(cache => cache.Controller)];
        }
    }

    /// <summary>The controllers waiting for the API server to serve their kind, each with its missing CRD.</summary>
    internal IReadOnlyList<(string Controller, string Crd)> MissingCrds()
    {
        lock (_gate)
        {
            return [.. _watches.Where(watch => watch.MissingCrd is not null).Select(watch => (watch.Controller, watch.MissingCrd!)).Distinct()];
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
