namespace FutReindexOperator.Runtime.Watching;

/// <summary>How the cache changed.</summary>
internal enum ResourceChangeKind
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// One change applied to the cache, from a watch event or from a re-list (which also synthesizes the deletes a broken
/// watch missed).
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Key">The object's key.</param>
/// <param name="Previous">The cached object before the change; null when added.</param>
/// <param name="Current">The object after the change; for a delete, the last state seen.</param>
internal sealed record ResourceChange<TResource>(ResourceChangeKind Kind, ObjectKey Key, TResource? Previous, TResource Current);
