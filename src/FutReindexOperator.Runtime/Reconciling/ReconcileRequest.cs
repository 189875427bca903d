using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>One reconcile of one object.</summary>
/// <param name="Key">The object's namespace and name.</param>
/// <param name="Resource">The latest cached object; when <paramref name="IsDeleted"/>, the last one seen before it
/// disappeared from the API server. It may be stale: read-modify-write decisions need an optimistic lock.</param>
/// <param name="IsDeleted">True when the object is gone from the API server (not merely marked for deletion: that
/// shows as <c>metadata.deletionTimestamp</c> on a live object).</param>
public sealed record ReconcileRequest<TResource>(ObjectKey Key, TResource Resource, bool IsDeleted)
    where TResource : class, IKubernetesObject<V1ObjectMeta>;
