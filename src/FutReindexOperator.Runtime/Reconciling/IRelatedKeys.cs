using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>
/// Names other objects of the controller's kind that a change of one object concerns (controller-runtime's map
/// function), for example the jobs waiting for a slot that a job just left. Register implementations as services; the
/// runtime queues the keys they name, at once, whatever the change filter says about the change itself.
/// </summary>
public interface IRelatedKeys<TResource>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// The keys to reconcile because the cache now holds <paramref name="current"/> where it held
    /// <paramref name="previous"/> (null <paramref name="previous"/>: added; null <paramref name="current"/>: deleted).
    /// Called on the watch's thread after the cache took the change, on a leader only: it must be quick and not throw.
    /// </summary>
    IEnumerable<ObjectKey> KeysFor(TResource? previous, TResource? current);
}
