namespace FutReindexOperator.Reconciling;

/// <summary>
/// The resourceVersions this operator process has written over, per object (a job, or a plan through
/// <see cref="Plans.PlanExpectations"/>), shared by all reconcile workers. An object the cache shows at one of them is
/// a copy older than the process's own last status write: deciding on it would repeat a remote call of a run that has
/// since moved on or ended (a poll of the previous run's job at its target, I8), or write a plan's status from an older view.
/// The reconciler waits for the cache instead. An entry goes once the cache shows a version not written over.
/// In memory only: a new process starts from a freshly listed cache. Thread-safe.
/// </summary>
internal sealed class WrittenVersions
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (HashSet<string> Superseded, string Latest)> _jobs = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="jobKey"/>'s status write replaced version <paramref name="before"/> with <paramref name="after"/>.</summary>
    public void Wrote(string jobKey, string? before, string? after)
    {
        if (before is null || after is null || before == after)
        {
            return;
        }

        lock (_gate)
        {
            var superseded = _jobs.TryGetValue(jobKey, out var entry) ? entry.Superseded : new HashSet<string>(StringComparer.Ordinal);
            superseded.Add(before);
            _jobs[jobKey] = (superseded, after);
        }
    }

    /// <summary>True when the cache shows <paramref name="jobKey"/> at a version this process has written over since.</summary>
    public bool IsStale(string jobKey, string? resourceVersion)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobKey, out var entry))
            {
                return false;
            }

            if (resourceVersion is not null && entry.Superseded.Contains(resourceVersion))
            {
                return true;
            }

            // The cache shows the last write or a later change: it never goes back, so the entry is done.
            _jobs.Remove(jobKey);
            return false;
        }
    }

    /// <summary>Forgets <paramref name="jobKey"/> (the job was deleted).</summary>
    public void Forget(string jobKey)
    {
        lock (_gate)
        {
            _jobs.Remove(jobKey);
        }
    }
}
