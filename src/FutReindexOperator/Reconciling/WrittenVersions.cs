using k8s;

namespace FutReindexOperator.Reconciling;

/// <summary>
/// The copies of each object (a job, or a plan through <see cref="Plans.PlanExpectations"/>) this operator process has
/// written over, shared by all reconcile workers. A cached copy is older than the process's own last status write when
/// <list type="bullet">
/// <item>it is at a resourceVersion a write replaced; or</item>
/// <item>it shows a status a write replaced, at another version than the last one written: an edit of the object's
/// spec or metadata that came between the read and a plain write (which carries no resourceVersion and so lands on it
/// unseen), or before a locked write retried on it. Its version was never the one read, but its status is older than
/// the write.</item>
/// </list>
/// Deciding on such a copy would repeat a remote call of a run that has since moved on or ended (a poll of the
/// previous run's job at its target, I8), or write progress or a plan's status from an older view. The reconciler
/// waits for the cache instead. An entry goes once the cache shows a copy that is neither: the last write, or a later
/// change. A status that comes back to exactly one written over (only a hand edit could: statuses carry their times)
/// counts as older for <see cref="StatusExpiry"/> at most, so it never holds an object for good.
/// In memory only: a new process starts from a freshly listed cache. Thread-safe.
/// </summary>
internal sealed class WrittenVersions(TimeProvider time)
{
    /// <summary>How long after the last write a copy showing a status written over, at another version, counts as older.</summary>
    public static readonly TimeSpan StatusExpiry = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _objects = new(StringComparer.Ordinal);

    /// <summary>
    /// Records that <paramref name="key"/>'s status write replaced the copy at <paramref name="before"/> showing
    /// <paramref name="replaced"/> with the one at <paramref name="after"/> showing <paramref name="written"/>.
    /// </summary>
    public void Wrote(string key, string? before, object? replaced, string? after, object? written)
    {
        if (before is null || after is null || before == after)
        {
            return;
        }

        var replacedStatus = Fingerprint(replaced);
        var writtenStatus = Fingerprint(written);
        lock (_gate)
        {
            if (!_objects.TryGetValue(key, out var entry))
            {
                entry = new Entry();
                _objects[key] = entry;
            }

            entry.Versions.Add(before);
            if (replacedStatus != writtenStatus)
            {
                entry.Statuses.Add(replacedStatus);
            }

            (entry.Latest, entry.LatestStatus, entry.WrittenAt) = (after, writtenStatus, time.GetUtcNow());
        }
    }

    /// <summary>True when the cache's copy of <paramref name="key"/>, at <paramref name="resourceVersion"/> showing <paramref name="status"/>, is older than this process's last write of it.</summary>
    public bool IsStale(string key, string? resourceVersion, object? status)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue(key, out var entry))
            {
                return false;
            }

            if (resourceVersion is not null && entry.Versions.Contains(resourceVersion))
            {
                return true;
            }

            if (resourceVersion != entry.Latest && time.GetUtcNow() - entry.WrittenAt < StatusExpiry)
            {
                var shown = Fingerprint(status);
                if (shown != entry.LatestStatus && entry.Statuses.Contains(shown))
                {
                    return true;
                }
            }

            // The cache shows the last write or a later change: it never goes back, so the entry is done.
            _objects.Remove(key);
            return false;
        }
    }

    /// <summary>Forgets <paramref name="key"/> (the object was deleted).</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            _objects.Remove(key);
        }
    }

    /// <summary>The status as the API server stores it, for equality: the same serialization the writes send.</summary>
    private static string Fingerprint(object? status) => status is null ? "" : KubernetesJson.Serialize(status);

    /// <summary>One object's versions and statuses written over, and its last write. Under the gate.</summary>
    private sealed class Entry
    {
        public HashSet<string> Versions { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Statuses { get; } = new(StringComparer.Ordinal);

        public string Latest { get; set; } = "";

        public string LatestStatus { get; set; } = "";

        public DateTimeOffset WrittenAt { get; set; }
    }
}
