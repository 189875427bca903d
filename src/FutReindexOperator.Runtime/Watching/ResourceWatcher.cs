using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Queue;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace FutReindexOperator.Runtime.Watching;

/// <summary>
/// Keeps a <see cref="ResourceCache{TResource}"/> in step with the API server for one scope: LIST, then WATCH from the
/// list's resource version, for as long as it runs.
/// </summary>
/// <remarks>
/// The loop has two states, "needs a list" (no resource version) and "watching from a version":
/// <list type="bullet">
/// <item>A stream the server closes (its <c>timeoutSeconds</c>) is resumed at once from the last version seen
/// (events and bookmarks both advance it).</item>
/// <item>A stream silent for longer than the inactivity timeout is abandoned and resumed: the client has no timeout of
/// its own on watches, and a dead connection would otherwise hang forever.</item>
/// <item>410 Gone drops the version: the next list rebuilds the scope and synthesizes deletes for objects that
/// vanished while the history was lost.</item>
/// <item>404 Not Found means the kind itself is not served (its CRD is missing, or was deleted): the watcher logs one
/// error naming the CRD and how to install it, reports it (<see cref="WatchHealth.MissingCrd"/>), and lists again with
/// its own backoff, up to <see cref="WatcherSettings.NotServedMaxDelay"/>; the first list that succeeds fills the cache
/// as on start, so the controller starts without a restart.</item>
/// <item>Any other failure waits a capped, jittered exponential backoff (at least the server's Retry-After), then
/// retries, forever.</item>
/// </list>
/// Every change applied to the cache is passed to the change handler after it is applied.
/// An object that cannot be read into <typeparamref name="TResource"/> never fails the list or the watch: it is skipped
/// and reported (a log line, <c>operator_runtime_watch_unreadable_objects_total</c> and the unreadable handler, which
/// records a Warning event on it); a stale cached copy of it is dropped as if deleted, so nobody reconciles old data.
/// </remarks>
internal sealed class ResourceWatcher<TResource>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    private const string RestartExpired = "expired";
    private const string RestartError = "error";
    private const string RestartClosed = "closed";
    private const string RestartInactivity = "inactivity";
    private readonly IResourceSource<TResource> _source;
    private readonly ResourceCache<TResource> _cache;
    private readonly string? _scopeNamespace;
    private readonly Action<ResourceChange<TResource>> _onChange;
    private readonly Action<UnreadableObject> _onUnreadable;
    private readonly Func<Action> _onListing;
    private readonly Counter.Child _unreadable;
    private readonly WatcherSettings _settings;
    private readonly WatchHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<double> _random;
    private readonly string _controller;
    private readonly Counter _events;
    private readonly Counter _restarts;
    private readonly Counter.Child _relists;
    private readonly TaskCompletionSource _listed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Where to resume: advanced by every event and bookmark, even on a stream that later fails; null means list first.
    private string? _resourceVersion;

    // Consecutive lists answered "not served" (404); 0 while the kind is served.
    private int _notServed;

    /// <param name="controller">The controller name, for logs and metric labels.</param>
    /// <param name="source">The list and watch calls for one scope.</param>
    /// <param name="scopeNamespace">The namespace <paramref name="source"/> covers, or null for all namespaces.</param>
    /// <param name="cache">The cache to keep in step.</param>
    /// <param name="onChange">Called after each change is applied to the cache; must not block.</param>
    /// <param name="settings">Timeouts and reconnect backoff.</param>
    /// <param name="health">Where to record activity.</param>
    /// <param name="metrics">Where to count events, restarts and lists.</param>
    /// <param name="time">The clock for the watchdog and backoff.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="random">A source of numbers in [0, 1) for jitter; <see cref="Random.Shared"/> when null.</param>
    /// <param name="onUnreadable">Called for each object that could not be read (after it is logged and counted); must
    /// not block or throw.</param>
    /// <param name="onListing">Called just before each list request is sent; the action it returns is called once that
    /// list's objects are in the cache and their changes reported. Must not block or throw.</param>
    public ResourceWatcher(
        string controller,
        IResourceSource<TResource> source,
        string? scopeNamespace,
        ResourceCache<TResource> cache,
        Action<ResourceChange<TResource>> onChange,
        WatcherSettings settings,
        WatchHealth health,
        RuntimeMetrics metrics,
        TimeProvider time,
        ILogger logger,
        Func<double>? random = null,
        Action<UnreadableObject>? onUnreadable = null,
        Func<Action>? onListing = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _controller = controller;
        _source = source;
        _scopeNamespace = scopeNamespace;
        _cache = cache;
        _onChange = onChange;
        _settings = settings;
        _health = health;
        _time = time;
        _logger = logger;
        _random = random ?? Random.Shared.NextDouble;
        _events = metrics.WatchEvents;
        _restarts = metrics.WatchRestarts;
        _relists = metrics.WatchRelists.WithLabels(controller, source.Scope);
        _unreadable = metrics.UnreadableObjects.WithLabels(controller, source.Scope);
        _onUnreadable = onUnreadable ?? (_ => { });
        _onListing = onListing ?? (() => () => { });

        // Every known series at 0, so that increase() and rate() see the first restart and event.
        foreach (var reason in (string[])[RestartClosed, RestartInactivity, RestartExpired, RestartError])
        {
            _restarts.WithLabels(controller, source.Scope, reason);
        }

        foreach (var kind in Enum.GetNames<WatchEventKind>())
        {
            _events.WithLabels(controller, source.Scope, kind);
        }
    }

    /// <summary>Completes when the first list has been applied to the cache.</summary>
    public Task Listed => _listed.Task;

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled; never ends on its own.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _resourceVersion ??= await ListAsync(cancellationToken);
                var delivered = await WatchAsync(_resourceVersion, cancellationToken);

                // A stream that ends without delivering anything is paced like a failure, so a server that keeps
                // closing streams at once is not hammered.
                failures = delivered ? 0 : failures + 1;
                if (failures > 0)
                {
                    await Task.Delay(NextDelay(failures), _time, cancellationToken);
                }
            }
            catch (ResourceVersionExpiredException)
            {
                Restarted(RestartExpired);
                _logger.WatchExpired(_controller, _source.Scope);
                _resourceVersion = null;
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ResourceTypeNotServedException exception)
            {
                // Whatever was watched went with the CRD: the list after it is back rebuilds the scope.
                _resourceVersion = null;
                failures = 0;
                Restarted(RestartError);
                try
                {
                    await Task.Delay(NotServed(exception), _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (Exception exception)
            {
                failures++;
                Restarted(RestartError);

                // An overloaded server's Retry-After is a floor: backing off less would only add to its load.
                var backoff = NextDelay(failures);
                var requested = RetryAfter.Of(exception);
                var delay = requested > backoff ? requested : backoff;
                _logger.WatchFailed(exception, _controller, _source.Scope, failures, delay);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var applied = _onListing();
        var list = await _source.ListAsync(cancellationToken);
        if (_notServed > 0)
        {
            _notServed = 0;
            _logger.WatchTypeServed(_health.MissingCrd ?? "", _controller, _source.Scope);
            _health.RecordCrdServed();
        }

        _relists.Inc();
        _health.RecordActivity();
        foreach (var change in _cache.Replace(_scopeNamespace, list.Items))
        {
            _onChange(change);
        }

        applied();
        foreach (var unreadable in list.Unreadable)
        {
            Report(unreadable);
        }

        _logger.WatchListed(_controller, _source.Scope, list.Items.Count, list.ResourceVersion);
        _listed.TrySetResult();
        return list.ResourceVersion;
    }

    /// <summary>Follows one stream to its end; returns whether anything arrived.</summary>
    private async Task<bool> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        using var inactive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watchdog = _time.CreateTimer(CancelQuietly, inactive, _settings.InactivityTimeout, Timeout.InfiniteTimeSpan);
        var delivered = false;
        try
        {
            await foreach (var watchEvent in _source.WatchAsync(resourceVersion, inactive.Token).WithCancellation(inactive.Token))
            {
                watchdog.Change(_settings.InactivityTimeout, Timeout.InfiniteTimeSpan);
                delivered = true;
                _health.RecordActivity();
                _events.WithLabels(_controller, _source.Scope, watchEvent.Kind.ToString()).Inc();
                Apply(watchEvent);
                _resourceVersion = watchEvent.ResourceVersion ?? _resourceVersion;
            }

            Restarted(RestartClosed);
            _logger.WatchClosed(_controller, _source.Scope);
        }
        catch (Exception) when (inactive.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The watchdog fired: however the aborted read surfaced, this is a silent stream, not a failure.
            Restarted(RestartInactivity);
            _logger.WatchInactive(_controller, _source.Scope, _settings.InactivityTimeout);
            return true;
        }

        return delivered;
    }

    private static void CancelQuietly(object? state)
    {
        try
        {
            ((CancellationTokenSource)state!).Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The timer fired while the stream was being torn down: nothing is left to cancel.
        }
    }

    /// <summary>Records and reports that the kind is not served; returns the wait before the next list.</summary>
    private TimeSpan NotServed(ResourceTypeNotServedException exception)
    {
        _notServed++;
        var delay = Backoff.Jittered(
            Backoff.Exponential(_notServed, _settings.ReconnectBaseDelay, _settings.NotServedMaxDelay) / 2, maxFactor: 1, _random());
        if (_notServed == 1)
        {
            _health.RecordCrdMissing(exception.Crd);
            _logger.WatchTypeNotServed(
                _controller,
                exception.Message,
                _settings.InstallHint ?? $"kubectl apply --server-side -f <the manifest of CustomResourceDefinition {exception.Crd}>",
                _settings.NotServedMaxDelay,
                exception.Crd);
        }
        else
        {
            _logger.WatchTypeStillNotServed(exception.Crd, _controller, _source.Scope, _notServed, delay);
        }

        return delay;
    }

    /// <summary>The capped exponential backoff, spread over its upper half so that the cap is never exceeded.</summary>
    private TimeSpan NextDelay(int failures) =>
        Backoff.Jittered(Backoff.Exponential(failures, _settings.ReconnectBaseDelay, _settings.ReconnectMaxDelay) / 2, maxFactor: 1, _random());

    private void Apply(WatchEvent<TResource> watchEvent)
    {
        var change = watchEvent switch
        {
            { Kind: WatchEventKind.Added or WatchEventKind.Modified, Resource: { } resource } => _cache.Upsert(resource),
            { Kind: WatchEventKind.Deleted, Resource: { } resource } => _cache.Remove(resource),
            { Kind: WatchEventKind.Unreadable, Unreadable: { } unreadable } => Skip(unreadable),
            _ => null,
        };
        if (change is not null)
        {
            _onChange(change);
        }
    }

    private ResourceChange<TResource>? Skip(UnreadableObject unreadable)
    {
        Report(unreadable);
        return _cache.Drop(unreadable.Key);
    }

    private void Report(UnreadableObject unreadable)
    {
        _unreadable.Inc();
        _logger.WatchUnreadable(
            _controller, _source.Scope, unreadable.Kind, unreadable.Key.ToString(), unreadable.Metadata.ResourceVersion ?? "", unreadable.Reason);
        try
        {
            _onUnreadable(unreadable);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Reporting is best effort; the watch of the others must go on.
            _logger.WatchFailed(exception, _controller, _source.Scope, 0, TimeSpan.Zero);
        }
    }

    private void Restarted(string reason) => _restarts.WithLabels(_controller, _source.Scope, reason).Inc();
}
