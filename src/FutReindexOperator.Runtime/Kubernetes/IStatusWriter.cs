using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>Writes the <c>/status</c> subresource with JSON merge patches; never a whole-object PUT.</summary>
public interface IStatusWriter
{
    /// <summary>
    /// Merge-patches <c>{"status": status}</c> onto <paramref name="resource"/>'s <c>/status</c> and returns the updated
    /// object. Sends nothing and returns <paramref name="resource"/> when the patch would not change its status.
    /// </summary>
    /// <param name="resource">The object as last read; its status decides whether a write is needed.</param>
    /// <param name="status">The status fields to set (serialized as the object itself is); null members are left alone.</param>
    /// <param name="optimisticLock">When true, the patch carries <c>metadata.resourceVersion</c> and a 409 surfaces as
    /// <see cref="StatusConflictException"/> so the caller re-decides on fresh data. When false, a 409 re-reads the object
    /// and retries.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<TResource> PatchStatusAsync<TResource>(TResource resource, object status, bool optimisticLock, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>;
}
