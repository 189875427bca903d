using FutReindexOperator.Diagnostics;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;

namespace FutReindexOperator.Admission;

/// <summary>
/// The per-target limit's bookkeeping: which jobs hold or may take a slot of their FHIR base, in this process and in the
/// cache. The contract:
/// <list type="bullet">
/// <item><see cref="Observe"/> gives a decision its peers (<see cref="PeerJob"/>) and the reservations on its target,
/// reservations first, so that a reservation released in between shows in the cache listing.</item>
/// <item><see cref="TryAdmit"/> reserves the slot just before the job's submission marker is written, and fails when
/// another job was admitted to the target since the decision observed it: two workers never both take the last slot
/// while the cache still shows it free. A reservation lasts until the cache shows the job changed since its admission
/// or <see cref="Release"/> ends it (the reconcile ended without the job holding a slot, or the job was deleted).</item>
/// <item>When the cache shows a job leave its slot (its run ended, or it was deleted), <see cref="KeysFor"/> names the jobs
/// waiting for that target, and the runtime queues them at once: no guessed delay, no reach into the queue.</item>
/// </list>
/// One instance per process (a singleton), shared by every reconcile worker. Thread-safe.
/// </summary>
public sealed class SlotAdmission(IResourceCache<ReindexJob> cache, ILogger<SlotAdmission> logger) : IRelatedKeys<ReindexJob>
{
    /// <summary>The cache index of jobs by the FHIR base they target (<see cref="PeerJob.TargetOf"/>).</summary>
    public const string TargetIndex = "fhir-target";

    private readonly TargetSlotReservations _reservations = new();

    /// <summary>The index admission reads; register it with the controller.</summary>
    public static CacheIndex<ReindexJob> TargetCacheIndex { get; } = new(TargetIndex, PeerJob.TargetOf);

    /// <summary>The peers of <paramref name="job"/> and the reservations on its target, as its decision sees them.</summary>
    public (IReadOnlyList<PeerJob> Peers, SlotSnapshot Slots) Observe(ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var target = PeerJob.TargetOf(job);
        var slots = _reservations.Snapshot(target);
        var sameTarget = cache.ListIndexed(TargetIndex, target);
        _reservations.ReleaseSeen(target, sameTarget.ToDictionary(PeerJob.KeyOf, string? (other) => other.Metadata.ResourceVersion, StringComparer.Ordinal));
        return (PeerJob.Of(job, sameTarget), slots);
    }

    /// <summary>
    /// Reserves a slot of <paramref name="slots"/>' target for <paramref name="job"/> (as its decision read it), unless
    /// another job was admitted there since <paramref name="slots"/> was taken.
    /// </summary>
    /// <returns>False when the slot went to another job: nothing may be sent, and the job decides again.</returns>
    public bool TryAdmit(SlotSnapshot slots, ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(job);
        if (_reservations.TryReserve(slots, PeerJob.KeyOf(job), job.Metadata.ResourceVersion))
        {
            return true;
        }

        logger.SlotTaken(ObjectKey.Of(job).ToString(), slots.Target);
        return false;
    }

    /// <summary>The reservations on <paramref name="target"/> now (<see cref="PeerJob.TargetOf"/>), as <see cref="Observe"/> would start from.</summary>
    public SlotSnapshot Reservations(string target) => _reservations.Snapshot(target);

    /// <summary>Ends <paramref name="job"/>'s reservation, if it has one.</summary>
    public void Release(ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _reservations.Release(PeerJob.TargetOf(job), PeerJob.KeyOf(job));
    }

    /// <inheritdoc/>
    public IEnumerable<ObjectKey> KeysFor(ReindexJob? previous, ReindexJob? current)
    {
        var left = previous is not null && (current is null || (PeerJob.From(previous).HoldsSlot && !PeerJob.From(current).HoldsSlot));
        if (!left)
        {
            return [];
        }

        return cache.ListIndexed(TargetIndex, PeerJob.TargetOf(previous!))
            .Where(other => other.Metadata.Uid != previous!.Metadata.Uid && PeerJob.From(other).IsWaiting)
            .Select(ObjectKey.Of)
            .ToList();
    }
}
