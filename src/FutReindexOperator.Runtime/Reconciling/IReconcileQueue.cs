using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>Lets a reconciler ask for a reconcile of any key of its kind (for example a parent of the object at hand).</summary>
[SuppressMessage("Naming", "CA1711", Justification = "The agreed contract name; it is the reconcile queue.")]
public interface IReconcileQueue<TResource>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// Reconciles <paramref name="key"/> after <paramref name="delay"/>; an earlier due time already asked for wins. A key
    /// the cache does not know (never seen, or deleted and already reconciled) is skipped when it falls due.
    /// </summary>
    void Enqueue(ObjectKey key, TimeSpan delay = default);
}
