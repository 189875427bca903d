namespace FutReindexOperator.Admission;

/// <summary>
/// The slots this operator process has promised, per FHIR base, shared by all reconcile workers. A job is admitted
/// (reserved) just before its submission marker is written, on the snapshot its decision was taken on: if another job
/// was admitted to the same FHIR base since, the reservation fails and the job decides again. So two workers cannot
/// both take the last slot of a target while the cache still shows it free. A reservation lasts until the cache shows
/// the job changed since it was admitted (the marker or a later write, see <see cref="ReleaseSeen"/>), or until the
/// reconcile ends without the job holding a slot (<see cref="Release"/>). Thread-safe.
/// </summary>
public sealed class TargetSlotReservations
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TargetSlots> _targets = new(StringComparer.Ordinal);
    private long _lastVersion;

    /// <summary>The reservations of <paramref name="target"/> now; take it before listing the cache.</summary>
    public SlotSnapshot Snapshot(string target)
    {
        lock (_gate)
        {
            return _targets.TryGetValue(target, out var slots)
                ? new SlotSnapshot(target, slots.Version, [.. slots.Jobs.Keys])
                : new SlotSnapshot(target, 0, []);
        }
    }

    /// <summary>
    /// Reserves a slot of <paramref name="seen"/>'s target for <paramref name="jobKey"/>, unless another reservation was
    /// made on that target after <paramref name="seen"/> was taken. <paramref name="resourceVersion"/> is the job's
    /// resourceVersion as the decision read it: the reservation is confirmed once the cache shows another one. A job
    /// that holds a reservation already keeps it.
    /// </summary>
    /// <returns>False when the snapshot is out of date: the job must decide again.</returns>
    public bool TryReserve(SlotSnapshot seen, string jobKey, string? resourceVersion)
    {
        ArgumentNullException.ThrowIfNull(seen);
        lock (_gate)
        {
            var slots = _targets.TryGetValue(seen.Target, out var existing) ? existing : _targets[seen.Target] = new TargetSlots();
            if (slots.Version != seen.Version)
            {
                return false;
            }

            slots.Jobs.TryAdd(jobKey, resourceVersion);
            slots.Version = ++_lastVersion;
            return true;
        }
    }

    /// <summary>Ends the reservation of <paramref name="jobKey"/> on <paramref name="target"/>, if it has one.</summary>
    public void Release(string target, string jobKey)
    {
        lock (_gate)
        {
            if (_targets.TryGetValue(target, out var slots))
            {
                slots.Jobs.Remove(jobKey);
            }
        }
    }

    /// <summary>
    /// Ends the reservations on <paramref name="target"/> that the cache has caught up with: the job is gone from
    /// <paramref name="cachedResourceVersions"/> (key to resourceVersion of the cached jobs on the target) or shows a
    /// resourceVersion other than the one it was admitted with, so the peers listed with it show what it holds.
    /// </summary>
    public void ReleaseSeen(string target, IReadOnlyDictionary<string, string?> cachedResourceVersions)
    {
        ArgumentNullException.ThrowIfNull(cachedResourceVersions);
        lock (_gate)
        {
            if (!_targets.TryGetValue(target, out var slots))
            {
                return;
            }

            foreach (var (jobKey, admittedAt) in slots.Jobs.ToList())
            {
                if (!cachedResourceVersions.TryGetValue(jobKey, out var cached) || cached != admittedAt)
                {
                    slots.Jobs.Remove(jobKey);
                }
            }
        }
    }

    /// <summary>One target's reservations. Kept once created (there are few targets), so its version never starts over.</summary>
    private sealed class TargetSlots
    {
        public long Version { get; set; }

        public Dictionary<string, string?> Jobs { get; } = new(StringComparer.Ordinal);
    }
}
