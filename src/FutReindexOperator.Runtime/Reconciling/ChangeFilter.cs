using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Watching;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>
/// Decides which cache changes are worth a reconcile: adds, deletes, and updates that change the generation (the spec),
/// the deletion mark, the finalizers, or one of the annotations the controller declares (<see cref="Matters"/>). A
/// status-only update wakes the object only when someone else wrote it (<see cref="Kubernetes.OwnStatusWrites"/> says
/// whose it is, <see cref="ChangesStatus"/> whether the status moved): the controller's own writes cause no reconcile, a
/// hand edit of the status is reconciled at once. Other metadata (labels, other annotations) wakes nothing; the periodic resync still visits
/// every object.
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

    /// <summary>
    /// Whether <paramref name="change"/> is an update whose status differs from the one cached before (null-valued
    /// members count as absent, as the API server stores them).
    /// </summary>
    public static bool ChangesStatus<TResource>(ResourceChange<TResource> change)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Kind == ResourceChangeKind.Modified && change.Previous is { } previous
            && !MergePatch.EqualIgnoringNulls(StatusWriter.StatusOf(previous), StatusWriter.StatusOf(change.Current));
    }

    private static string? Annotation(V1ObjectMeta? metadata, string name) =>
        metadata?.Annotations is { } annotations && annotations.TryGetValue(name, out var value) ? value : null;
}
