using FutReindexOperator.Runtime.Watching;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>
/// Wakes the owner of a changed child, as controller-runtime's <c>Owns()</c>: every change of a
/// <typeparamref name="TChild"/> whose controller owner reference (<c>controller: true</c>) names an object of the
/// owner's kind queues that owner's key. The owner is found from the child's own metadata, never by a scan.
/// </summary>
/// <param name="owner">The owner's kind.</param>
/// <param name="enqueueOwner">Queues an owner's key (while the owner's controller leads).</param>
internal sealed class OwnerWake<TChild>(ResourceType owner, Action<ObjectKey> enqueueOwner)
    where TChild : class, IKubernetesObject<V1ObjectMeta>
{
    public void Observe(ResourceChange<TChild> change)
    {
        foreach (var key in OwnersOf(change.Current).Concat(change.Previous is { } previous ? OwnersOf(previous) : []).Distinct())
        {
            enqueueOwner(key);
        }
    }

    private IEnumerable<ObjectKey> OwnersOf(TChild child)
        => (child.Metadata.OwnerReferences ?? [])
            .Where(reference => reference.Controller == true && reference.Kind == owner.Kind && reference.ApiVersion == owner.ApiVersion)
            .Select(reference => new ObjectKey(owner.Namespaced ? child.Metadata.NamespaceProperty : null, reference.Name));
}
