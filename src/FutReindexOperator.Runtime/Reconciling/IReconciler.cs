using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>
/// Drives one kind of object towards its desired state. Level-based: the request says which object, never which event
/// caused it, so every pass must read the whole state and be idempotent.
/// </summary>
/// <remarks>
/// Called on add, on updates that matter (generation, the annotations the controller declares, deletion marking), on
/// delete, on each periodic resync and when a requeue falls due; never twice at the same time for one key.
/// <list type="bullet">
/// <item>Returning a <see cref="ReconcileResult"/> means the attempt succeeded.</item>
/// <item>Throwing means the attempt failed: it is logged, counted and retried with per-key exponential backoff,
/// capped, never dropped.</item>
/// <item>The token is cancelled when this instance stops leading or shuts down; the key is then handed to the next
/// leader's pass.</item>
/// </list>
/// </remarks>
public interface IReconciler<TResource>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest<TResource> request, CancellationToken cancellationToken);
}
