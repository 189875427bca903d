using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Watching;

/// <summary>
/// The informer's read-only view of one kind. Filled by the watch; it may lag the API server, so decisions that must
/// not act on stale data write with an optimistic lock (<see cref="Kubernetes.IStatusWriter.PatchStatusAsync"/>).
/// </summary>
public interface IResourceCache<TResource>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>True once every watched scope has been listed at least once.</summary>
    bool HasSynced { get; }

    bool TryGet(ObjectKey key, [NotNullWhen(true)] out TResource? resource);

    IReadOnlyList<TResource> List();

    /// <summary>The cached objects whose value in the index named <paramref name="index"/> is <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">No <see cref="CacheIndex{TResource}"/> of that name is registered.</exception>
    IReadOnlyList<TResource> ListIndexed(string index, string value);
}
