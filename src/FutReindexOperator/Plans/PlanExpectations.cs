using FutReindexOperator.Model;
using FutReindexOperator.Reconciling;
using FutReindexOperator.Runtime;

namespace FutReindexOperator.Plans;

/// <summary>
/// What this process expects the caches to show soon about each plan, as controller-runtime's and kube-rs's
/// "expectations": shared by all plan reconciles (one instance per process, a singleton), so that a reconcile does not
/// decide on caches that have not yet seen the process's own last writes.
/// <list type="bullet">
/// <item><b>Status writes.</b> The plan copies this process has written over (<see cref="WrittenVersions"/>). A
/// plan the cache shows as one of them is older than the process's own last status write: a decision on it would
/// repeat what that write did, or write an older view over it. <see cref="IsStale"/> says so, and the reconciler waits.</item>
/// <item><b>Child creates.</b> Each child this process created, as the create call returned it, until the ReindexJob
/// cache shows an object of that name (<see cref="JobNamed"/> answers the cache's copy, or else the expected one), so
/// the decider never asks to create a child it has just created. An expectation older than <see cref="Expiry"/> is
/// dropped, as controller-runtime's are: a child deleted before the cache ever showed it is then seen as missing.</item>
/// </list>
/// A plan's entries go when the cache catches up, and all of them when the plan is deleted (<see cref="Forget"/>) or
/// a plan of the same name with another UID is reconciled (deleted and created again between two reconciles).
/// In memory only: a new process starts from freshly listed caches. Thread-safe.
/// </summary>
public sealed class PlanExpectations(TimeProvider timeProvider)
{
    /// <summary>How long a created child is expected before the ReindexJob cache's word is taken without it.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(5);

    private readonly WrittenVersions _written = new(timeProvider);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Children> _created = new(StringComparer.Ordinal);

    /// <summary>True when the cache shows <paramref name="plan"/> older than this process's last status write of it (<see cref="WrittenVersions"/>).</summary>
    public bool IsStale(ReindexPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return _written.IsStale(KeyOf(plan), plan.Metadata.ResourceVersion, plan.Status);
    }

    /// <summary>Records that a status write replaced <paramref name="before"/> (the copy decided on) with <paramref name="after"/>.</summary>
    public void Wrote(ReindexPlan before, ReindexPlan after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        _written.Wrote(KeyOf(before), before.Metadata.ResourceVersion, before.Status, after.Metadata.ResourceVersion, after.Status);
    }

    /// <summary>Records that <paramref name="child"/> (as the API server returned it) was created for <paramref name="plan"/>.</summary>
    public void Created(ReindexPlan plan, ReindexJob child)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(child);
        lock (_gate)
        {
            if (ChildrenOf(plan) is not { } children)
            {
                children = new Children(plan.Metadata.Uid);
                _created[KeyOf(plan)] = children;
            }

            children.ByName[child.Metadata.Name] = (child, timeProvider.GetUtcNow());
        }
    }

    /// <summary>
    /// The child lookup for a decision on <paramref name="plan"/>: the ReindexJob <paramref name="cached"/> shows by that
    /// name (the expectation for it, if any, is then fulfilled and dropped), or else the child this process created
    /// under that name and the cache has not shown yet, or null.
    /// </summary>
    public Func<string, ReindexJob?> JobNamed(ReindexPlan plan, Func<string, ReindexJob?> cached)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(cached);
        return name => cached(name) is { } job ? Seen(plan, name, job) : Expected(plan, name);
    }

    /// <summary>The number of children created for <paramref name="plan"/> that the cache has not shown yet.</summary>
    public int Pending(ReindexPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_gate)
        {
            return ChildrenOf(plan)?.ByName.Count ?? 0;
        }
    }

    /// <summary>Forgets everything about <paramref name="plan"/> (it was deleted; its children go by garbage collection).</summary>
    public void Forget(ReindexPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _written.Forget(KeyOf(plan));
        lock (_gate)
        {
            _created.Remove(KeyOf(plan));
        }
    }

    private ReindexJob Seen(ReindexPlan plan, string name, ReindexJob job)
    {
        lock (_gate)
        {
            Drop(plan, name);
        }

        return job;
    }

    private ReindexJob? Expected(ReindexPlan plan, string name)
    {
        lock (_gate)
        {
            if (ChildrenOf(plan) is not { } children || !children.ByName.TryGetValue(name, out var expected))
            {
                return null;
            }

            if (timeProvider.GetUtcNow() - expected.Since < Expiry)
            {
                return expected.Child;
            }

            Drop(plan, name);
            return null;
        }
    }

    /// <summary>The children expected for <paramref name="plan"/>; those of an earlier plan of its name are dropped. Under the gate.</summary>
    private Children? ChildrenOf(ReindexPlan plan)
    {
        if (!_created.TryGetValue(KeyOf(plan), out var children))
        {
            return null;
        }

        if (children.PlanUid == plan.Metadata.Uid)
        {
            return children;
        }

        _created.Remove(KeyOf(plan));
        return null;
    }

    /// <summary>Drops the expectation for <paramref name="plan"/>'s child <paramref name="name"/>, and the plan's entry with its last. Under the gate.</summary>
    private void Drop(ReindexPlan plan, string name)
    {
        if (ChildrenOf(plan) is { } children && children.ByName.Remove(name) && children.ByName.Count == 0)
        {
            _created.Remove(KeyOf(plan));
        }
    }

    private static string KeyOf(ReindexPlan plan) => ObjectKey.Of(plan).ToString();

    /// <summary>The children created for one plan (by UID), by name, with the time each was created.</summary>
    private sealed record Children(string? PlanUid)
    {
        public Dictionary<string, (ReindexJob Child, DateTimeOffset Since)> ByName { get; } = new(StringComparer.Ordinal);
    }
}
