using System.Threading.Channels;

namespace FutReindexOperator.Testing.KubeApiServer.Storage;

/// <summary>One open watch: the events it is interested in, queued in order for its stream.</summary>
public sealed class WatchSubscription
{
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    public WatchSubscription(string storageKey, string? ns, Func<StoredObject, bool> matches, bool bookmarks)
    {
        StorageKey = storageKey;
        Namespace = ns;
        Matches = matches;
        WantsBookmarks = bookmarks;
    }

    public string StorageKey { get; }

    /// <summary>The namespace watched, or null for all namespaces.</summary>
    public string? Namespace { get; }

    public Func<StoredObject, bool> Matches { get; }

    public bool WantsBookmarks { get; }

    public ChannelReader<WatchEvent> Events => _events.Reader;

    internal void Offer(WatchEvent change)
    {
        if (change.Type == WatchEventType.Bookmark)
        {
            if (WantsBookmarks)
            {
                _events.Writer.TryWrite(change);
            }

            return;
        }

        if (change.Item!.StorageKey != StorageKey || (Namespace is not null && change.Item.Namespace != Namespace))
        {
            return;
        }

        var now = Matches(change.Item);
        var before = change.Previous is not null && Matches(change.Previous);
        var translated = change.Type switch
        {
            WatchEventType.Modified when now && before => change,
            WatchEventType.Modified when now => change with { Type = WatchEventType.Added },
            WatchEventType.Modified when before => change with { Type = WatchEventType.Deleted },
            WatchEventType.Added or WatchEventType.Deleted when now => change,
            _ => null,
        };
        if (translated is not null)
        {
            _events.Writer.TryWrite(translated);
        }
    }

    internal void Close() => _events.Writer.TryComplete();
}
