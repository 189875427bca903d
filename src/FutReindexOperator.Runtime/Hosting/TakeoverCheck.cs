using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Queue;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>
/// The first step of a term, before any key is queued: one consistent LIST per watched scope (no resourceVersion, so
/// the API server answers from its latest state, as kube-rs's <c>ListSemantic::MostRecent</c>) compared with the cache,
/// so that the keys the cache shows older than the server are held (<see cref="TakeoverBarrier"/>) until it catches up.
/// </summary>
/// <remarks>
/// A LIST that fails is retried with the watches' capped exponential backoff (no jitter: one leader lists) for up to
/// <see cref="TakeoverBarrier.Expiry"/>, the bound the barrier itself keeps; the term does not reconcile meanwhile (an
/// API server that cannot list would refuse the status writes too). After that the term leads without the check:
/// logged as an error and counted (<c>operator_runtime_takeovers_total{result="unchecked"}</c>), so leadership is never
/// blocked for good. Each failure is counted in <c>operator_runtime_takeover_list_failures_total</c>.
/// </remarks>
internal sealed class TakeoverCheck<TResource>(
    string controller,
    IReadOnlyList<IResourceSource<TResource>> sources,
    ResourceCache<TResource> cache,
    TakeoverBarrier barrier,
    TimeSpan backoffBase,
    TimeSpan backoffMax,
    RuntimeMetrics metrics,
    TimeProvider time,
    ILogger logger)
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Lists, compares and arms the barrier; returns when the term may queue keys.</summary>
    /// <exception cref="OperationCanceledException">The term ended meanwhile.</exception>
    public async Task RunAsync(CancellationToken leading)
    {
        barrier.Begin(() => cache.List().Select(resource => (ObjectKey.Of(resource), resource.Metadata?.ResourceVersion)));
        var until = time.GetUtcNow() + TakeoverBarrier.Expiry;
        for (var failures = 1; ; failures++)
        {
            try
            {
                var listed = new List<(ObjectKey, string?)>();
                foreach (var source in sources)
                {
                    var list = await source.ListAsync(leading);
                    listed.AddRange(list.Items.Select(resource => (ObjectKey.Of(resource), resource.Metadata?.ResourceVersion)));
                }

                var held = barrier.Arm(listed);
                metrics.Takeovers.WithLabels(controller, TakeoverResult.Checked).Inc();
                metrics.TakeoverHeldKeys.WithLabels(controller).Inc(held);
                logger.TakeoverChecked(controller, listed.Count, held, TakeoverBarrier.Expiry);
                return;
            }
            catch (Exception exception) when (!leading.IsCancellationRequested)
            {
                metrics.TakeoverListFailures.WithLabels(controller).Inc();
                var left = until - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    barrier.Clear();
                    metrics.Takeovers.WithLabels(controller, TakeoverResult.Unchecked).Inc();
                    logger.TakeoverUnchecked(exception, controller, failures, TakeoverBarrier.Expiry);
                    return;
                }

                var delay = Backoff.Exponential(failures, backoffBase, backoffMax);
                delay = delay < left ? delay : left;
                logger.TakeoverListFailed(exception, controller, failures, delay);
                await Task.Delay(delay, time, leading);
            }
        }
    }
}

/// <summary>The <c>result</c> label of <c>operator_runtime_takeovers_total</c>.</summary>
internal static class TakeoverResult
{
    /// <summary>The cache was compared with a consistent list; the keys it showed older are held.</summary>
    public const string Checked = "checked";

    /// <summary>The list kept failing for the barrier's whole bound: the term leads without the check.</summary>
    public const string Unchecked = "unchecked";

    public static readonly IReadOnlyList<string> All = [Checked, Unchecked];
}
