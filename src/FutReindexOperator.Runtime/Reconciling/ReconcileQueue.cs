using System.Diagnostics.CodeAnalysis;
using FutReindexOperator.Runtime.Queue;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>The work queue of the controller of <typeparamref name="TResource"/>, as reconcilers and the runtime see it.</summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is the reconcile queue.")]
internal sealed class ReconcileQueue<TResource>(WorkQueue queue) : IReconcileQueue<TResource>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The queue itself, for the runtime's workers.</summary>
    public WorkQueue WorkQueue { get; } = queue;

    public void Enqueue(ObjectKey key, TimeSpan delay = default) => WorkQueue.Add(key, delay);
}
