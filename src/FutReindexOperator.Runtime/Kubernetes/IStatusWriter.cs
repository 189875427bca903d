using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>
/// Writes the <c>/status</c> subresource with JSON merge patches; never a whole-object PUT. Each write names its fence,
/// the caller's choice per write:
/// <list type="bullet">
/// <item>every write is sent only while this replica is sure it leads (<see cref="Leadership.LeadershipFence"/>), and
/// sends nothing when the patch would not change the status read;</item>
/// <item><see cref="PatchStatusAsync"/> also carries the <c>metadata.resourceVersion</c> of the copy it was decided on
/// (optimistic lock): for a write that must not land on a status it was not decided on. After a 409 the object is read
/// again: if its status is still exactly the one the write was decided on (only spec or metadata changed), the write is
/// retried on the fresh version; otherwise it surfaces as <see cref="StatusConflictException"/> and the caller decides
/// again on fresh data;</item>
/// <item><see cref="MergeStatusAsync"/> sends the patch without a resourceVersion: it cannot conflict, and it lands on
/// whatever status the server holds then, changing only the fields it names. For a write that is right on any status
/// its object may have meanwhile, or whose object has no other writer.</item>
/// </list>
/// </summary>
public interface IStatusWriter
{
    /// <summary>
    /// Merge-patches <c>{"status": status}</c> onto <paramref name="resource"/>'s <c>/status</c> with an optimistic lock on
    /// its resourceVersion and returns the updated object. Sends nothing and returns <paramref name="resource"/> when the
    /// patch would not change its status.
    /// </summary>
    /// <param name="resource">The object the write was decided on; its status decides whether a write is needed and its
    /// resource version fences the write.</param>
    /// <param name="status">The merge patch of the status, serialized as the object itself is: a member serialized as null
    /// clears that field, a member left out of the JSON leaves it alone.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="StatusConflictException">The status changed since <paramref name="resource"/> was read.</exception>
    /// <exception cref="Leadership.LeadershipUncertainException">This replica is not sure it leads; nothing was sent.</exception>
    Task<TResource> PatchStatusAsync<TResource>(TResource resource, object status, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Merge-patches <c>{"status": status}</c> onto <paramref name="resource"/>'s <c>/status</c> as a plain merge patch,
    /// without <c>metadata.resourceVersion</c>, and returns the updated object. Sends nothing and returns
    /// <paramref name="resource"/> when the patch would not change the status read.
    /// </summary>
    /// <param name="resource">The object the write was decided on; its status decides whether a write is needed.</param>
    /// <param name="status">The merge patch of the status, as for <see cref="PatchStatusAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="Leadership.LeadershipUncertainException">This replica is not sure it leads; nothing was sent.</exception>
    Task<TResource> MergeStatusAsync<TResource>(TResource resource, object status, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>;
}
