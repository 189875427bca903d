using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Queue;
using FutReindexOperator.Runtime.Watching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>
/// The one place where the queue meets the reconciler: workers take keys, reconcile them in a fresh DI scope, and map
/// each outcome to one queue operation and one metric label, as controller-runtime's <c>reconcileHandler</c> does.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>Done</term><description>forget the key's failures; <c>result="success"</c>.</description></item>
/// <item><term>RequeueAfter(d)</term><description>forget failures, add again after d; <c>result="requeue_after"</c>.</description></item>
/// <item><term>exception</term><description>add again after the key's backoff; <c>result="error"</c>, errors counted.</description></item>
/// <item><term>cancelled (leadership lost, shutdown)</term><description>add again at once for whoever leads next;
/// not counted.</description></item>
/// <item><term>StatusConflictException</term><description>add again after the key's backoff (a stale cache never
/// becomes a write loop); <c>result="requeue"</c>, not an error.</description></item>
/// <item><term>LeadershipUncertainException</term><description>nothing was written or sent: add again, the worker
/// pauses a second; <c>result="requeue"</c>.</description></item>
/// </list>
/// A key the <see cref="TakeoverBarrier"/> holds (its cached copy is older than the API server's at the start of this
/// term) is not handed to the reconciler: it is added again for when the barrier's bound ends, and the cache change that
/// releases it earlier queues it at once. Not a reconcile: no result is counted.
/// A fault outside any reconcile (queue, clock, logging) is caught, counted in
/// <c>operator_runtime_worker_faults_total</c> and the worker goes on after a short backoff, keeping the key it held;
/// after <see cref="MaxConsecutiveFaults"/> in a row it stops and marks <see cref="Workers"/> dead, which fails
/// <c>/healthz</c>.
/// Each reconcile runs inside a logging scope carrying a reconcile id, the controller, namespace and name.
/// </remarks>
internal sealed class ReconcileLoop<TResource>(
    string controller,
    WorkQueue queue,
    ResourceCache<TResource> cache,
    TakeoverBarrier takeover,
    IServiceScopeFactory scopes,
    RuntimeMetrics metrics,
    TimeProvider time,
    ILogger logger)
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Faults in a row after which a worker gives up and fails <c>/healthz</c> (see <see cref="WorkerHealth"/>).</summary>
    public const int MaxConsecutiveFaults = 8;

    private static readonly TimeSpan FaultBaseDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FaultMaxDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LeadershipDoubtPause = TimeSpan.FromSeconds(1);

    private readonly WorkerHealth _workers = new(controller);

    /// <summary>Whether this loop's workers are alive; register it with <see cref="Hosting.RuntimeHealth"/>.</summary>
    public WorkerHealth Workers => _workers;

    /// <summary>
    /// Runs <paramref name="workers"/> workers until the queue shuts down (each finishes the key it holds: drain) or
    /// <paramref name="cancellationToken"/> is cancelled (in-flight reconciles are cancelled too).
    /// </summary>
    public async Task RunAsync(int workers, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        metrics.MaxConcurrentReconciles.WithLabels(controller).Set(workers);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None)));
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        var faults = 0;
        while (true)
        {
            ObjectKey? taken = null;
            try
            {
                if (await queue.TakeAsync(cancellationToken) is not { } key)
                {
                    return;
                }

                taken = key;
                var active = metrics.ActiveWorkers.WithLabels(controller);
                active.Inc();
                try
                {
                    await ReconcileAsync(key, cancellationToken);
                }
                finally
                {
                    active.Dec();
                    queue.Done(key);
                }

                faults = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Leadership lost or shutting down: the worker stops; its key, if any, is already requeued.
                return;
            }
            catch (Exception exception)
            {
                // A fault outside the reconcile itself (the queue, the clock, logging): count it, keep the key, go on.
                faults++;
                metrics.WorkerFaults.WithLabels(controller).Inc();
                if (taken is { } key)
                {
                    queue.AddAfterFailure(key);
                }

                if (faults >= MaxConsecutiveFaults)
                {
                    _workers.RecordUnexpectedStop();
                    logger.WorkerStopped(exception, controller, faults);
                    return;
                }

                var pause = Backoff.Exponential(faults, FaultBaseDelay, FaultMaxDelay);
                logger.WorkerFault(exception, controller, faults, pause);
                if (!await PauseAsync(pause, cancellationToken))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Waits <paramref name="delay"/>; false when cancelled meanwhile.</summary>
    private async Task<bool> PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return !cancellationToken.IsCancellationRequested;
    }

    private async Task ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (takeover.Holds(key, out var remaining, out var expired))
        {
            queue.Add(key, remaining);
            logger.ReconcileHeldForTakeover(key.ToString(), remaining);
            return;
        }

        if (expired)
        {
            metrics.TakeoverExpiredKeys.WithLabels(controller).Inc();
            logger.TakeoverHoldExpired(key.ToString(), TakeoverBarrier.Expiry);
        }

        var request = RequestFor(key);
        if (request is null)
        {
            queue.Forget(key);
            return;
        }

        var reconcileId = Guid.NewGuid().ToString("N");
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ReconcileId"] = reconcileId,
            ["Controller"] = controller,
            ["Namespace"] = key.Namespace,
            ["Name"] = key.Name,
        });
        var started = time.GetTimestamp();
        string? result = null;
        try
        {
            await using var services = scopes.CreateAsyncScope();
            var reconciler = services.ServiceProvider.GetRequiredService<IReconciler<TResource>>();
            var outcome = await reconciler.ReconcileAsync(request, cancellationToken);
            queue.Forget(key);
            switch (outcome)
            {
                case ReconcileResult.RequeueAfter requeue:
                    queue.Add(key, requeue.Delay);
                    result = ReconcileResultLabel.RequeueAfter;
                    logger.ReconcileRequeued(key.ToString(), requeue.Delay);
                    break;
                default:
                    ForgetDeleted(request);
                    result = ReconcileResultLabel.Success;
                    logger.ReconcileSucceeded(key.ToString());
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            queue.Add(key);
            logger.ReconcileCancelled(key.ToString());
        }
        catch (StatusConflictException)
        {
            // Rate-limited per key, as controller-runtime does: a stale cache must not turn into a write loop. The watch
            // event that brings the fresh object requeues the key at once anyway.
            queue.AddAfterFailure(key);
            result = ReconcileResultLabel.Requeue;
            logger.ReconcileConflict(key.ToString(), queue.DelayAfterFailures(key));
        }
        catch (LeadershipUncertainException exception)
        {
            // Nothing was written or sent. The key stays for whoever leads; this worker waits a moment so that, until
            // the election notices and ends the term, it does not spin through the queue.
            queue.Add(key);
            result = ReconcileResultLabel.Requeue;
            logger.ReconcileLeadershipUncertain(key.ToString(), exception.Message);
            await PauseAsync(LeadershipDoubtPause, cancellationToken);
        }
        catch (Exception exception)
        {
            queue.AddAfterFailure(key);
            result = ReconcileResultLabel.Error;
            metrics.ReconcileErrors.WithLabels(controller).Inc();
            logger.ReconcileFailed(exception, key.ToString(), queue.FailuresOf(key));
        }
        finally
        {
            if (result is not null)
            {
                metrics.ReconcileTotal.WithLabels(controller, result).Inc();
                metrics.ReconcileTime.WithLabels(controller).Observe(time.GetElapsedTime(started).TotalSeconds);
            }
        }
    }

    private ReconcileRequest<TResource>? RequestFor(ObjectKey key)
    {
        if (cache.TryGet(key, out var resource))
        {
            return new ReconcileRequest<TResource>(key, resource, IsDeleted: false);
        }

        return cache.TryGetTombstone(key, out var lastSeen)
            ? new ReconcileRequest<TResource>(key, lastSeen, IsDeleted: true)
            : null;
    }

    private void ForgetDeleted(ReconcileRequest<TResource> request)
    {
        if (request.IsDeleted)
        {
            cache.ForgetTombstone(request.Key, request.Resource);
        }
    }
}
