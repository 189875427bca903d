namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>
/// The status writes this process made, by the resourceVersion each answer carried, so that a status change someone
/// else made (a hand edit with <c>kubectl patch --subresource=status</c>, another replica) wakes its object at once
/// while the watch events of the process's own writes wake nothing: a reconcile never causes the next one by writing.
/// </summary>
/// <remarks>
/// <para>The contract, per object of one kind (<see cref="ResourceType"/> and <see cref="ObjectKey"/>):</para>
/// <list type="bullet">
/// <item>The status writer calls <see cref="Sending"/> just before each PATCH and <see cref="Sent"/> with the answer's
/// resourceVersion, or null when it has none (the write failed, conflicted, or its answer was lost).</item>
/// <item>The controller calls <see cref="Saw"/> for each status change the cache takes. A version an answer carried is
/// the process's own write: nothing is called, and that version and every one written before it are forgotten (a watch
/// delivers an object's versions in order, and a relist shows only the last). Any other version is someone else's:
/// <c>othersWrote</c> is called, at once, or, when the change arrives while a write of that object is under way (its
/// watch event may come before its answer), once that write's answer shows the change was not its own.</item>
/// <item>A write whose answer was lost is not known as the process's own: its watch event wakes the object once. That
/// reconcile decides on the status the write left, so it writes nothing more (or a next step, whose answer is known):
/// one extra reconcile per lost answer, never a loop.</item>
/// <item>A version not seen within <see cref="Expiry"/> of its write is forgotten (only a watch lagging that long, or
/// a relist past it, gets there): at worst its event wakes the object once.</item>
/// </list>
/// Every replica watches, but only the leader queues: a standby is told of the leader's writes as someone else's and
/// ignores them. In memory only. Thread-safe; <c>othersWrote</c> is called outside the lock.
/// </remarks>
internal sealed class OwnStatusWrites(TimeProvider time)
{
    /// <summary>How long a written version is remembered when the cache never shows it.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<(ResourceType Type, ObjectKey Key), Entry> _objects = [];
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>The number of objects with a write under way, a written version not yet seen, or a change waiting.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _objects.Count;
            }
        }
    }

    /// <summary>A status write of <paramref name="key"/> is about to be sent; call <see cref="Sent"/> after it, whatever happens.</summary>
    public void Sending(ResourceType type, ObjectKey key)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_gate)
        {
            EntryOf(type, key, create: true)!.InFlight++;
        }
    }

    /// <summary>
    /// The write announced by <see cref="Sending"/> is over: <paramref name="resourceVersion"/> is the version its answer
    /// carried, null when there is no answer (failed, conflicted, lost). Wakes the changes that arrived meanwhile and are
    /// not this write, once no other write of the object is under way.
    /// </summary>
    public void Sent(ResourceType type, ObjectKey key, string? resourceVersion)
    {
        ArgumentNullException.ThrowIfNull(type);
        List<Action> wake = [];
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (EntryOf(type, key, create: false) is not { } entry)
            {
                return;
            }

            entry.InFlight = Math.Max(0, entry.InFlight - 1);
            if (resourceVersion is not null && entry.Waiting.FindIndex(waiting => waiting.Version == resourceVersion) is var index and >= 0)
            {
                // Its watch event came before its answer: already seen, nothing to remember.
                entry.Waiting.RemoveAt(index);
            }
            else if (resourceVersion is not null)
            {
                entry.Written.Add((resourceVersion, now));
            }

            if (entry.InFlight == 0)
            {
                wake.AddRange(entry.Waiting.Select(waiting => waiting.OthersWrote));
                entry.Waiting.Clear();
            }

            Tidy(type, key, entry, now);
            Sweep(now);
        }

        foreach (var othersWrote in wake)
        {
            othersWrote();
        }
    }

    /// <summary>
    /// The cache shows a status change of <paramref name="key"/> at <paramref name="resourceVersion"/>: calls
    /// <paramref name="othersWrote"/> unless it is this process's own write (at once, or when the write under way answers).
    /// </summary>
    public void Saw(ResourceType type, ObjectKey key, string? resourceVersion, Action othersWrote)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(othersWrote);
        lock (_gate)
        {
            if (EntryOf(type, key, create: false) is { } entry)
            {
                var now = time.GetUtcNow();
                entry.Written.RemoveAll(written => now - written.At >= Expiry);
                var index = resourceVersion is null ? -1 : entry.Written.FindIndex(written => written.Version == resourceVersion);
                if (index >= 0)
                {
                    entry.Written.RemoveRange(0, index + 1);
                    Tidy(type, key, entry, now);
                    return;
                }

                if (entry.InFlight > 0)
                {
                    entry.Waiting.Add((resourceVersion, othersWrote));
                    return;
                }

                Tidy(type, key, entry, now);
            }
        }

        othersWrote();
    }

    /// <summary>Forgets <paramref name="key"/>'s written versions (the object was deleted); a write under way still ends with <see cref="Sent"/>.</summary>
    public void Forget(ResourceType type, ObjectKey key)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_gate)
        {
            if (EntryOf(type, key, create: false) is { } entry)
            {
                entry.Written.Clear();
                entry.Waiting.Clear();
                Tidy(type, key, entry, time.GetUtcNow());
            }
        }
    }

    /// <summary>Under the gate.</summary>
    private Entry? EntryOf(ResourceType type, ObjectKey key, bool create)
    {
        if (!_objects.TryGetValue((type, key), out var entry) && create)
        {
            _objects[(type, key)] = entry = new Entry();
        }

        return entry;
    }

    /// <summary>Drops the entry once it holds nothing. Under the gate.</summary>
    private void Tidy(ResourceType type, ObjectKey key, Entry entry, DateTimeOffset now)
    {
        entry.Written.RemoveAll(written => now - written.At >= Expiry);
        if (entry.InFlight == 0 && entry.Written.Count == 0 && entry.Waiting.Count == 0)
        {
            _objects.Remove((type, key));
        }
    }

    /// <summary>Once per <see cref="Expiry"/>, drops the versions of objects the cache never showed again. Under the gate.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + Expiry;
        foreach (var (id, entry) in _objects.ToList())
        {
            Tidy(id.Type, id.Key, entry, now);
        }
    }

    /// <summary>One object's writes under way, versions written and not yet seen (oldest first), and changes waiting for an answer.</summary>
    private sealed class Entry
    {
        public int InFlight { get; set; }

        public List<(string Version, DateTimeOffset At)> Written { get; } = [];

        public List<(string? Version, Action OthersWrote)> Waiting { get; } = [];
    }
}
