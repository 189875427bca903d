using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>
/// Adds and removes finalizers with JSON Patch guarded by <c>test</c> operations, so a concurrent change to the
/// finalizer list fails the patch instead of being overwritten; never a whole-object PUT.
/// </summary>
public interface IFinalizerWriter
{
    /// <summary>Adds <paramref name="finalizer"/> unless present; returns the updated (or unchanged) object.</summary>
    Task<TResource> AddAsync<TResource>(TResource resource, string finalizer, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Removes <paramref name="finalizer"/> if present; returns the updated (or unchanged) object.</summary>
    Task<TResource> RemoveAsync<TResource>(TResource resource, string finalizer, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>;
}
