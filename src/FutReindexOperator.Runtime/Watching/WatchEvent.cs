namespace FutReindexOperator.Runtime.Watching;

/// <summary>The kinds of line a watch stream delivers (errors are raised as exceptions instead).</summary>
internal enum WatchEventKind
{
    Added,
    Modified,
    Deleted,

    /// <summary>A heartbeat carrying only <c>metadata.resourceVersion</c>: where to resume from.</summary>
    Bookmark,

    /// <summary>An added, modified or deleted object that could not be read into the controller's type.</summary>
    Unreadable,
}

/// <summary>
/// One event of a watch stream: for a bookmark, <paramref name="Resource"/> carries only its resource version; for
/// <see cref="WatchEventKind.Unreadable"/> it is null and <paramref name="Unreadable"/> says which object and why.
/// </summary>
internal sealed record WatchEvent<TResource>(WatchEventKind Kind, TResource? Resource, UnreadableObject? Unreadable = null)
{
    /// <summary>The resource version this event moves the watch to.</summary>
    public string? ResourceVersion => Unreadable?.Metadata.ResourceVersion ?? (Resource as k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>)?.Metadata?.ResourceVersion;
}
