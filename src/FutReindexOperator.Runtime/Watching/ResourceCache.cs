using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Watching;

/// <summary>
/// The object store behind <see cref="IResourceCache{TResource}"/>: many readers, written only by the watchers of one
/// controller. It also keeps a tombstone (the last state) of each deleted object until its delete has been reconciled.
/// Objects are stored without <c>metadata.managedFields</c>, as controller-runtime's and kube-rs's caches advise: a
/// reconciler never needs the server-side-apply bookkeeping, which can outweigh the rest of a small object.
/// </summary>
internal sealed class ResourceCache<TResource> : IResourceCache<TResource>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<ObjectKey, TResource> _objects = new();
    private readonly ConcurrentDictionary<ObjectKey, TResource> _tombstones = new();
    private readonly Dictionary<string, IndexedKeys> _indexes;
    private volatile bool _hasSynced;

    /// <summary>A cache with no secondary index.</summary>
    public ResourceCache()
        : this([])
    {
    }

    /// <summary>A cache that keeps <paramref name="indexes"/> up to date with every write.</summary>
    /// <exception cref="ArgumentException">Two indexes share a name.</exception>
    public ResourceCache(IEnumerable<CacheIndex<TResource>> indexes)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        _indexes = new Dictionary<string, IndexedKeys>(StringComparer.Ordinal);
        foreach (var index in indexes)
        {
            if (!_indexes.TryAdd(index.Name, new IndexedKeys(index.ValueOf)))
            {
                throw new ArgumentException($"Two cache indexes are named '{index.Name}'.", nameof(indexes));
            }
        }
    }

    public bool HasSynced => _hasSynced;

    public bool TryGet(ObjectKey key, [NotNullWhen(true)] out TResource? resource) => _objects.TryGetValue(key, out resource);

    public IReadOnlyList<TResource> List() => [.. _objects.Values];

    public IReadOnlyList<TResource> ListIndexed(string index, string value)
    {
        if (!_indexes.TryGetValue(index, out var indexed))
        {
            throw new ArgumentException($"No cache index is named '{index}'.", nameof(index));
        }

        var found = new List<TResource>();
        foreach (var key in indexed.KeysOf(value))
        {
            if (_objects.TryGetValue(key, out var resource))
            {
                found.Add(resource);
            }
        }

        return found;
    }

    /// <summary>The keys of every cached object and of every deleted object whose delete is not yet reconciled.</summary>
    public IReadOnlyList<ObjectKey> Keys() => [.. _objects.Keys.Union(_tombstones.Keys)];

    /// <summary>The last state of a deleted object whose delete is not yet reconciled.</summary>
    public bool TryGetTombstone(ObjectKey key, [NotNullWhen(true)] out TResource? resource) =>
        _tombstones.TryGetValue(key, out resource);

    /// <summary>Drops the tombstone of <paramref name="key"/> if it is still <paramref name="tombstone"/>.</summary>
    public void ForgetTombstone(ObjectKey key, TResource tombstone) =>
        _tombstones.TryRemove(new KeyValuePair<ObjectKey, TResource>(key, tombstone));

    internal void MarkSynced() => _hasSynced = true;

    /// <summary>Stores <paramref name="resource"/> and returns the change it makes.</summary>
    internal ResourceChange<TResource> Upsert(TResource resource)
    {
        StripManagedFields(resource);
        var key = ObjectKey.Of(resource);
        _tombstones.TryRemove(key, out _);
        TResource? previous = null;
        _objects.AddOrUpdate(
            key,
            resource,
            (_, existing) =>
            {
                previous = existing;
                return resource;
            });
        foreach (var indexed in _indexes.Values)
        {
            indexed.Move(key, previous, resource);
        }

        return new ResourceChange<TResource>(
            previous is null ? ResourceChangeKind.Added : ResourceChangeKind.Modified, key, previous, resource);
    }

    /// <summary>Removes the object, keeps <paramref name="lastSeen"/> as its tombstone and returns the change.</summary>
    internal ResourceChange<TResource> Remove(TResource lastSeen)
    {
        StripManagedFields(lastSeen);
        var key = ObjectKey.Of(lastSeen);
        _objects.TryRemove(key, out var previous);
        _tombstones[key] = lastSeen;
        foreach (var indexed in _indexes.Values)
        {
            indexed.Move(key, previous, null);
        }

        return new ResourceChange<TResource>(ResourceChangeKind.Deleted, key, previous, lastSeen);
    }

    /// <summary>
    /// Drops the cached object of <paramref name="key"/>, if any, as if deleted (its last readable state becomes the
    /// tombstone), and returns the change; null when nothing was cached. For an object that can no longer be read: a
    /// stale copy must not be reconciled as if it were current.
    /// </summary>
    internal ResourceChange<TResource>? Drop(ObjectKey key) =>
        _objects.TryGetValue(key, out var cached) ? Remove(cached) : null;

    /// <summary>
    /// Replaces everything in one watch scope with a fresh list and returns the changes: adds and modifications for
    /// listed objects whose resource version changed, and synthesized deletes for cached objects the list no longer has.
    /// </summary>
    /// <param name="scopeNamespace">The namespace the list covers, or null for all namespaces.</param>
    /// <param name="items">The complete list.</param>
    internal IReadOnlyList<ResourceChange<TResource>> Replace(string? scopeNamespace, IReadOnlyList<TResource> items)
    {
        var changes = new List<ResourceChange<TResource>>();
        var listed = new HashSet<ObjectKey>();
        foreach (var item in items)
        {
            var key = ObjectKey.Of(item);
            listed.Add(key);
            if (_objects.TryGetValue(key, out var cached) && cached.ResourceVersion() == item.ResourceVersion())
            {
                continue;
            }

            changes.Add(Upsert(item));
        }

        foreach (var (key, cached) in _objects)
        {
            if ((scopeNamespace is null || key.Namespace == scopeNamespace) && !listed.Contains(key))
            {
                changes.Add(Remove(cached));
            }
        }

        return changes;
    }

    private static void StripManagedFields(TResource resource)
    {
        if (resource.Metadata is { } metadata)
        {
            metadata.ManagedFields = null;
        }
    }

    /// <summary>One index's keys per value. Written by the watchers, read by every worker, hence the lock.</summary>
    private sealed class IndexedKeys(Func<TResource, string> valueOf)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, HashSet<ObjectKey>> _keys = new(StringComparer.Ordinal);

        public IReadOnlyList<ObjectKey> KeysOf(string value)
        {
            lock (_gate)
            {
                return _keys.TryGetValue(value, out var keys) ? [.. keys] : [];
            }
        }

        public void Move(ObjectKey key, TResource? from, TResource? to)
        {
            var oldValue = from is null ? null : valueOf(from);
            var newValue = to is null ? null : valueOf(to);
            if (oldValue == newValue)
            {
                return;
            }

            lock (_gate)
            {
                if (oldValue is not null && _keys.TryGetValue(oldValue, out var old) && old.Remove(key) && old.Count == 0)
                {
                    _keys.Remove(oldValue);
                }

                if (newValue is not null)
                {
                    if (!_keys.TryGetValue(newValue, out var keys))
                    {
                        _keys[newValue] = keys = [];
                    }

                    keys.Add(key);
                }
            }
        }
    }
}
