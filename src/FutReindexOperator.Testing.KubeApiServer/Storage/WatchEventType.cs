namespace FutReindexOperator.Testing.KubeApiServer.Storage;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}
