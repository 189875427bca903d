namespace FutReindexOperator.Runtime.Watching;

/// <summary>The kinds of line a watch stream delivers (errors are raised as exceptions instead).</summary>
public enum WatchEventKind
{
    Added,
    Modified,
    Deleted,

    /// <summary>A heartbeat carrying only <c>metadata.resourceVersion</c>: where to resume from.</summary>
    Bookmark,
}

/// <summary>One event of a watch stream: for a bookmark, <paramref name="Resource"/> carries only its resource version.</summary>
public sealed record WatchEvent<TResource>(WatchEventKind Kind, TResource Resource);
