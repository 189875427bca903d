namespace FutReindexOperator.Testing.KubeApiServer.Storage;

/// <summary>
/// The retained event history and the open watches. Every member is called under the store's lock,
/// so events reach every watch in resource version order.
/// </summary>
internal sealed class WatchHub(int historyWindow)
{
    private readonly Queue<WatchEvent> _history = new();
    private readonly List<WatchSubscription> _subscriptions = [];

    /// <summary>Watches and continue tokens must start at or after this resource version.</summary>
    public long CompactedResourceVersion { get; private set; }

    public int OpenWatches => _subscriptions.Count;

    public void Publish(WatchEvent change)
    {
        _history.Enqueue(change);
        while (_history.Count > historyWindow)
        {
            CompactedResourceVersion = _history.Dequeue().ResourceVersion;
        }

        foreach (var subscription in _subscriptions)
        {
            subscription.Offer(change);
        }
    }

    public void Replay(WatchSubscription subscription, long after)
    {
        foreach (var change in _history)
        {
            if (change.ResourceVersion > after)
            {
                subscription.Offer(change);
            }
        }
    }

    public void Add(WatchSubscription subscription) => _subscriptions.Add(subscription);

    public void Remove(WatchSubscription subscription) => _subscriptions.Remove(subscription);

    public void Bookmark(long resourceVersion)
    {
        var bookmark = new WatchEvent(WatchEventType.Bookmark, resourceVersion, null);
        foreach (var subscription in _subscriptions)
        {
            subscription.Offer(bookmark);
        }
    }

    public int CloseAll()
    {
        var count = _subscriptions.Count;
        foreach (var subscription in _subscriptions)
        {
            subscription.Close();
        }

        _subscriptions.Clear();
        return count;
    }

    public void Compact(long upTo)
    {
        _history.Clear();
        CompactedResourceVersion = upTo;
    }
}
