using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Storage;

/// <summary>
/// All objects, keyed by storage key then namespace/name. One lock orders every write, so the global
/// resource version increases by one per change and watches see changes in that order.
/// </summary>
public sealed class ObjectStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> _objects = new(StringComparer.Ordinal);
    private readonly WatchHub _hub;
    private readonly ITimer? _bookmarkTimer;
    private long _resourceVersion;

    public ObjectStore(int historyWindow, TimeSpan bookmarkInterval, TimeProvider timeProvider)
    {
        _hub = new WatchHub(historyWindow);
        _bookmarkTimer = timeProvider.CreateTimer(_ => EmitBookmarks(), null, bookmarkInterval, bookmarkInterval);
    }

    /// <summary>The resource version of the last change.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _hub.OpenWatches;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _objects.Values.Sum(o => o.Count);
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> alone: nothing else reads or writes the store meanwhile.</summary>
    public T Write<T>(Func<StoreTransaction, T> action)
    {
        lock (_gate)
        {
            return action(new StoreTransaction(this));
        }
    }

    public StoredObject? Get(string storageKey, string ns, string name)
    {
        lock (_gate)
        {
            return Find(storageKey, ns, name);
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> matching objects after <paramref name="afterKey"/> in key order, and
    /// whether more match beyond them.
    /// </summary>
    public StoreListing List(string storageKey, string? ns, Func<StoredObject, bool> matches, int limit, string? afterKey, long? continueFrom)
    {
        lock (_gate)
        {
            if (continueFrom is { } from && from < _hub.CompactedResourceVersion)
            {
                throw StatusObjects.Gone(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }

            var items = new List<StoredObject>();
            var more = false;
            if (_objects.TryGetValue(storageKey, out var all))
            {
                foreach (var (key, item) in all)
                {
                    if ((afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0) || (ns is not null && item.Namespace != ns) || !matches(item))
                    {
                        continue;
                    }

                    if (limit > 0 && items.Count == limit)
                    {
                        more = true;
                        break;
                    }

                    items.Add(item);
                }
            }

            return new StoreListing(items, more, continueFrom ?? _resourceVersion);
        }
    }

    /// <summary>
    /// Opens a watch. Without <paramref name="after"/> the current matching objects come first as ADDED events;
    /// with it, the retained changes after that resource version are replayed.
    /// </summary>
    /// <exception cref="ApiException">410 Gone when <paramref name="after"/> is older than the retained history.</exception>
    public WatchSubscription Subscribe(string storageKey, string? ns, Func<StoredObject, bool> matches, bool bookmarks, long? after)
    {
        var subscription = new WatchSubscription(storageKey, ns, matches, bookmarks);
        lock (_gate)
        {
            if (after is { } from)
            {
                if (from < _hub.CompactedResourceVersion)
                {
                    throw StatusObjects.Gone($"too old resource version: {from} ({_hub.CompactedResourceVersion})");
                }

                _hub.Replay(subscription, from);
            }
            else if (_objects.TryGetValue(storageKey, out var all))
            {
                foreach (var item in all.Values)
                {
                    subscription.Offer(new WatchEvent(WatchEventType.Added, item.ResourceVersion, item));
                }
            }

            _hub.Add(subscription);
        }

        return subscription;
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _hub.Remove(subscription);
        }

        subscription.Close();
    }

    /// <summary>Ends every open watch stream; returns how many were open.</summary>
    public int CloseAllWatches()
    {
        lock (_gate)
        {
            return _hub.CloseAll();
        }
    }

    /// <summary>Forgets the change history: watches and continue tokens from older resource versions get 410.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _hub.Compact(_resourceVersion);
        }
    }

    /// <summary>Sends a bookmark at the current resource version to every watch that asked for them.</summary>
    public void EmitBookmarks()
    {
        lock (_gate)
        {
            _hub.Bookmark(_resourceVersion);
        }
    }

    /// <summary>Removes every object and ends every watch.</summary>
    public void Clear(Func<StoredObject, bool> remove)
    {
        lock (_gate)
        {
            foreach (var objects in _objects.Values)
            {
                foreach (var item in objects.Values.Where(remove).ToList())
                {
                    objects.Remove(item.Key);
                }
            }

            _hub.CloseAll();
            _hub.Compact(_resourceVersion);
        }
    }

    public void Dispose() => _bookmarkTimer?.Dispose();

    private StoredObject? Find(string storageKey, string ns, string name) =>
        _objects.TryGetValue(storageKey, out var all) && all.TryGetValue(StoredObject.KeyOf(ns, name), out var found) ? found : null;

    /// <summary>The operations available inside <see cref="Write{T}"/>.</summary>
    public sealed class StoreTransaction
    {
        private readonly ObjectStore _store;

        internal StoreTransaction(ObjectStore store) => _store = store;

        public StoredObject? Get(string storageKey, string ns, string name) => _store.Find(storageKey, ns, name);

        public IReadOnlyList<StoredObject> All(string storageKey) =>
            _store._objects.TryGetValue(storageKey, out var all) ? all.Values.ToList() : [];

        /// <summary>Every stored object of every resource.</summary>
        public IReadOnlyList<StoredObject> Everything() => _store._objects.Values.SelectMany(all => all.Values).ToList();

        /// <summary>Stores <paramref name="value"/> at the next resource version (written into its metadata).</summary>
        public StoredObject Put(string storageKey, JsonObject value)
        {
            var rv = ++_store._resourceVersion;
            ((JsonObject)value["metadata"]!)["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var stored = new StoredObject(storageKey, value, rv);
            if (!_store._objects.TryGetValue(storageKey, out var all))
            {
                all = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
                _store._objects[storageKey] = all;
            }

            all.TryGetValue(stored.Key, out var previous);
            all[stored.Key] = stored;
            _store._hub.Publish(new WatchEvent(previous is null ? WatchEventType.Added : WatchEventType.Modified, rv, stored, previous));
            return stored;
        }

        /// <summary>Removes the object; <paramref name="finalState"/> is what the DELETED event carries.</summary>
        public StoredObject Remove(string storageKey, JsonObject finalState)
        {
            var rv = ++_store._resourceVersion;
            ((JsonObject)finalState["metadata"]!)["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var stored = new StoredObject(storageKey, finalState, rv);
            _store._objects[storageKey].Remove(stored.Key);
            _store._hub.Publish(new WatchEvent(WatchEventType.Deleted, rv, stored));
            return stored;
        }
    }
}
