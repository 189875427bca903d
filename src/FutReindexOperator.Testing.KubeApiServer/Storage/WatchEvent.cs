namespace FutReindexOperator.Testing.KubeApiServer.Storage;

/// <summary>A change of one object, or a bookmark at <see cref="ResourceVersion"/>.</summary>
/// <param name="Type">What happened.</param>
/// <param name="ResourceVersion">The resource version of the change or bookmark.</param>
/// <param name="Item">The new state, or the last state for deletions; null for bookmarks.</param>
/// <param name="Previous">The state before a modification, used to translate selector boundaries.</param>
public sealed record WatchEvent(WatchEventType Type, long ResourceVersion, StoredObject? Item, StoredObject? Previous = null)
{
    public static string WireName(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        WatchEventType.Deleted => "DELETED",
        _ => "BOOKMARK",
    };
}
