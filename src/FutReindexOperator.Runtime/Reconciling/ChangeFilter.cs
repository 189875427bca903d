using FutReindexOperator.Runtime.Watching;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>
/// Decides which cache changes are worth a reconcile: adds, deletes, and updates that change the generation (the spec),
/// the deletion mark, the finalizers, or one of the annotations the controller declares. Status-only updates (such as
/// the controller's own writes) are skipped; the periodic resync still visits every object.
/// </summary>
internal sealed class ChangeFilter(IReadOnlyCollection<string> watchedAnnotations)
{
    public bool Matters<TResource>(ResourceChange<TResource> change)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind != ResourceChangeKind.Modified || change.Previous is not { } previous)
        {
            return true;
        }

        var before = previous.Metadata;
        var after = change.Current.Metadata;
        return before?.Generation != after?.Generation
            || before?.DeletionTimestamp != after?.DeletionTimestamp
            || !(before?.Finalizers ?? []).SequenceEqual(after?.Finalizers ?? [])
            || watchedAnnotations.Any(name => Annotation(before, name) != Annotation(after, name));
    }

    private static string? Annotation(V1ObjectMeta? metadata, string name) =>
        metadata?.Annotations is { } annotations && annotations.TryGetValue(name, out var value) ? value : null;
}
