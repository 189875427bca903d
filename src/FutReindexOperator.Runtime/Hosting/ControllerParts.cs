using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>
/// The wiring of one controller: a watcher per watched scope feeding one cache, whose relevant changes (see
/// <see cref="ChangeFilter"/>) enqueue keys for the reconcile loop while this replica leads. A standby keeps its cache
/// warm but queues nothing (its queue is empty, as its metrics show): the term that starts when it leads queues every
/// cached key, once a consistent list has shown which cached copies are older than the API server's
/// (<see cref="TakeOverAsync"/>, <see cref="TakeoverBarrier"/>). A status-only change queues its key only when this
/// process did not write it (<see cref="OwnStatusWrites"/>).
/// </summary>
internal sealed class ControllerParts<TResource>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IReadOnlyList<IRelatedKeys<TResource>> _related;
    private readonly TakeoverBarrier _takeover;
    private readonly TakeoverCheck<TResource> _takeoverCheck;
    private readonly ResourceType _type;
    private readonly OwnStatusWrites _ownWrites;
    private readonly Prometheus.Counter.Child _statusWakes;
    private volatile bool _queueing;

    /// <param name="definition">The controller's kind, name and watched annotations.</param>
    /// <param name="options">The runtime options (scope, timings, concurrency).</param>
    /// <param name="sourceFor">Makes the list/watch source of one namespace (null: all namespaces).</param>
    /// <param name="cache">The controller's cache.</param>
    /// <param name="queue">The controller's queue.</param>
    /// <param name="scopes">Creates the DI scope of each reconcile.</param>
    /// <param name="metrics">The metric families.</param>
    /// <param name="health">Where watches, workers and the cache report.</param>
    /// <param name="events">Where a Warning is recorded on each object that cannot be read.</param>
    /// <param name="ownWrites">The status writes of this process, so that only others' status changes queue a key.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">The logger factory.</param>
    /// <param name="related">Name the other keys a change concerns (none: only the changed key is queued).</param>
    /// <param name="observers">Told of every change of the cache (for example to wake the owners of changed objects).</param>
    public ControllerParts(
        ControllerDefinition<TResource> definition,
        OperatorRuntimeOptions options,
        Func<string?, IResourceSource<TResource>> sourceFor,
        ResourceCache<TResource> cache,
        ReconcileQueue<TResource> queue,
        IServiceScopeFactory scopes,
        RuntimeMetrics metrics,
        RuntimeHealth health,
        IEventRecorder events,
        OwnStatusWrites ownWrites,
        TimeProvider time,
        ILoggerFactory loggers,
        IEnumerable<IRelatedKeys<TResource>>? related = null,
        IReadOnlyList<Action<ResourceChange<TResource>>>? observers = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sourceFor);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(ownWrites);
        Name = definition.Name;
        _type = definition.Type;
        _ownWrites = ownWrites;
        Cache = cache;
        Queue = queue;
        Concurrency = options.MaxConcurrentReconciles;
        ResyncPeriod = options.ResyncPeriod;
        metrics.InitializeController(Name);
        _statusWakes = metrics.StatusWakes.WithLabels(Name);
        _takeover = new TakeoverBarrier(time);
        Loop = new ReconcileLoop<TResource>(Name, queue.WorkQueue, cache, _takeover, scopes, metrics, time, loggers.CreateLogger<ReconcileLoop<TResource>>());

        var filter = new ChangeFilter(definition.WatchedAnnotations);
        _related = [.. related ?? []];
        var settings = new WatcherSettings(options.WatchInactivityTimeout, options.WatchBackoffBase, options.WatchBackoffMax)
        {
            NotServedMaxDelay = options.WatchCrdMissingRetryMax,
            InstallHint = definition.CrdInstallHint,
        };
        var watcherLogger = loggers.CreateLogger<ResourceWatcher<TResource>>();
        IReadOnlyList<string?> namespaces = definition.Type.Namespaced && options.Namespaces.Count > 0 ? [.. options.Namespaces] : [null];
        var sources = namespaces.Select(scope => (Scope: scope, Source: sourceFor(scope))).ToList();
        _takeoverCheck = new TakeoverCheck<TResource>(
            Name,
            [.. sources.Select(scoped => scoped.Source)],
            cache,
            _takeover,
            options.WatchBackoffBase,
            options.WatchBackoffMax,
            metrics,
            time,
            loggers.CreateLogger<TakeoverCheck<TResource>>());
        Watchers = [.. sources.Select(scoped =>
        {
            var (scope, source) = scoped;
            var watchHealth = new WatchHealth(Name, source.Scope, options.WatchStalledAfter, metrics, time);
            health.Register(watchHealth);
            return new ResourceWatcher<TResource>(
                Name,
                source,
                scope,
                cache,
                change => OnChange(filter, observers ?? [], change),
                settings,
                watchHealth,
                metrics,
                time,
                watcherLogger,
                onUnreadable: unreadable => RecordUnreadable(events, unreadable),
                onListing: () => ReleaseOnRelist(scope));
        })];
        health.Register(Name, () => cache.HasSynced);
        health.Register(Loop.Workers);
    }

    public string Name { get; }

    public ResourceCache<TResource> Cache { get; }

    public ReconcileQueue<TResource> Queue { get; }

    public ReconcileLoop<TResource> Loop { get; }

    public IReadOnlyList<ResourceWatcher<TResource>> Watchers { get; }

    public int Concurrency { get; }

    public TimeSpan ResyncPeriod { get; }

    private static void RecordUnreadable(IEventRecorder events, UnreadableObject unreadable)
    {
        if (unreadable.Deleted || string.IsNullOrEmpty(unreadable.Metadata.Name))
        {
            return;
        }

        events.Record(
            unreadable.AsReference(),
            EventSeverity.Warning,
            "Unreadable",
            "Read",
            $"The operator cannot read this {unreadable.Kind} and skips it until it is changed: {unreadable.Reason}");
    }

    /// <summary>
    /// The first step of a term, before <see cref="StartQueueing"/>: holds the keys whose cached copy is older than the
    /// API server's (<see cref="TakeoverCheck{TResource}"/>).
    /// </summary>
    public Task TakeOverAsync(CancellationToken leading) => _takeoverCheck.RunAsync(leading);

    /// <summary>Starts a term: from now on changes and resyncs queue keys, and every cached key is queued.</summary>
    /// <remarks>
    /// A change lands in the cache before it is offered to <see cref="Enqueue"/>: one that arrived before the flag was
    /// set is among the cached keys queued here, so none falls between the two.
    /// </remarks>
    public void StartQueueing()
    {
        _queueing = true;
        foreach (var key in Cache.Keys())
        {
            Queue.WorkQueue.Add(key);
        }
    }

    /// <summary>Ends a term: nothing more is queued, the keys left in the queue are dropped and none is held.</summary>
    public void StopQueueing()
    {
        _queueing = false;
        Queue.WorkQueue.Clear();
        _takeover.Clear();
    }

    /// <summary>Queues <paramref name="key"/> if this replica leads; a standby ignores it.</summary>
    public void Enqueue(ObjectKey key)
    {
        if (_queueing)
        {
            Queue.WorkQueue.Add(key);
        }
    }

    /// <summary>
    /// A watcher's own list, sent after a takeover began, is a consistent read too: once it is in the cache, no key of its
    /// scope is older than the server's at the takeover, so the barrier lets them all go (queued again here, as the list
    /// changed nothing for some of them).
    /// </summary>
    private Action ReleaseOnRelist(string? scope)
    {
        var ticket = _takeover.ListSending();
        return () =>
        {
            foreach (var key in _takeover.Relisted(scope, ticket))
            {
                Enqueue(key);
            }
        };
    }

    private void OnChange(ChangeFilter filter, IReadOnlyList<Action<ResourceChange<TResource>>> observers, ResourceChange<TResource> change)
    {
        foreach (var observe in observers)
        {
            observe(change);
        }

        var shown = change.Kind == ResourceChangeKind.Deleted ? null : change.Current.Metadata?.ResourceVersion;
        if (_takeover.Saw(change.Key, shown) || filter.Matters(change))
        {
            Enqueue(change.Key);
        }
        else
        {
            // A status this process did not write (a hand edit, another replica): reconciled now, not at the resync.
            _ownWrites.Saw(_type, change.Key, shown, () =>
            {
                if (_queueing && ChangeFilter.ChangesStatus(change))
                {
                    _statusWakes.Inc();
                    Enqueue(change.Key);
                }
            });
        }

        if (change.Kind == ResourceChangeKind.Deleted)
        {
            _ownWrites.Forget(_type, change.Key);
        }

        if (!_queueing)
        {
            return;
        }

        var (previous, current) = change.Kind == ResourceChangeKind.Deleted ? (change.Previous ?? change.Current, null) : (change.Previous, change.Current);
        foreach (var key in _related.SelectMany(related => related.KeysFor(previous, current)))
        {
            Enqueue(key);
        }
    }
}
