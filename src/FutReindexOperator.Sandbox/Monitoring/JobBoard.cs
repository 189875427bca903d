using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Display;
using FutReindexOperator.Sandbox.Expectations;

namespace FutReindexOperator.Sandbox.Monitoring;

/// <summary>
/// The jobs and plans of a run as last seen: the installed jobs in install order, then the children of the plans (ReindexJobs
/// labelled <see cref="ReindexPlan.PlanLabel"/> with a plan's name) by name as they appear. A job is settled once its phase is
/// terminal or it meets its expectation (a job expected to stay Stalled never becomes terminal); its elapsed time stops
/// there. A plan is settled once its phase is terminal (Succeeded or Failed).
/// </summary>
public sealed class JobBoard
{
    private readonly IReadOnlyList<(string Name, string Target)> _jobs;
    private readonly IReadOnlyList<string> _plans;
    private readonly SortedDictionary<string, string> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JobRow> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlanRow> _planRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _settledAt = new(StringComparer.Ordinal);

    /// <summary>A board for the named jobs (name and target Service) and plans, each still without a status.</summary>
    public JobBoard(IReadOnlyList<(string Name, string Target)> jobs, IReadOnlyList<string>? plans = null)
    {
        _jobs = jobs ?? throw new ArgumentNullException(nameof(jobs));
        _plans = plans ?? [];
    }

    /// <summary>One row per installed job, in install order, then one per child of a plan seen so far, by name.</summary>
    public IReadOnlyList<JobRow> Rows =>
        [.. _jobs.Concat(_children.Select(child => (Name: child.Key, Target: child.Value)))
            .Select(job => _rows.GetValueOrDefault(job.Name) ?? new JobRow(job.Name, job.Target, null, null, TimeSpan.Zero, null))];

    /// <summary>One row per plan, in the order given.</summary>
    public IReadOnlyList<PlanRow> PlanRows =>
        [.. _plans.Select(name => _planRows.GetValueOrDefault(name) ?? new PlanRow(name, null, null, TimeSpan.Zero, null))];

    /// <summary>How many jobs (children included) are settled.</summary>
    public int Settled => Rows.Count(IsSettled);

    /// <summary>Whether every job and every plan is settled.</summary>
    public bool AllSettled => Rows.All(IsSettled) && PlanRows.All(plan => plan.Phase is PlanPhase.Succeeded or PlanPhase.Failed);

    /// <summary>Each job's row and expectation (a plan's child must succeed).</summary>
    public IReadOnlyList<JobResult> Results => [.. Rows.Select(row => new JobResult(row, JobExpectations.For(row.Name)))];

    /// <summary>Each plan's row.</summary>
    public IReadOnlyList<PlanResult> PlanResults => [.. PlanRows.Select(row => new PlanResult(row))];

    /// <summary>Takes in the jobs as listed at <paramref name="now"/>.</summary>
    public void Update(IEnumerable<ReindexJob> listed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(listed);
        foreach (var job in listed)
        {
            var name = job.Metadata.Name;
            if (!_jobs.Any(known => known.Name == name))
            {
                if (job.Metadata.Labels is not { } labels || !labels.TryGetValue(ReindexPlan.PlanLabel, out var plan) || !_plans.Contains(plan, StringComparer.Ordinal))
                {
                    continue;
                }

                _children[name] = job.Spec.Target.Service;
            }

            var status = job.Status;
            var row = new JobRow(name, job.Spec.Target.Service, status?.Phase, status?.JobId, TimeSpan.Zero, status?.Message);
            if (IsSettled(row))
            {
                _settledAt.TryAdd(name, now);
            }
            else
            {
                _settledAt.Remove(name);
            }

            var end = status?.CompletionTime ?? (_settledAt.TryGetValue(name, out var settledAt) ? settledAt : now);
            _rows[name] = row with { Elapsed = end - Created(job.Metadata.CreationTimestamp, now) };
        }
    }

    /// <summary>Takes in the plans as listed at <paramref name="now"/>.</summary>
    public void Update(IEnumerable<ReindexPlan> listed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(listed);
        foreach (var plan in listed.Where(plan => _plans.Contains(plan.Metadata.Name, StringComparer.Ordinal)))
        {
            var status = plan.Status;
            var end = status?.CompletionTime ?? now;
            _planRows[plan.Metadata.Name] = new PlanRow(
                plan.Metadata.Name, status?.Phase, status?.Counts, end - Created(plan.Metadata.CreationTimestamp, now), status?.Message);
        }
    }

    private static DateTimeOffset Created(DateTime? creationTimestamp, DateTimeOffset now) =>
        creationTimestamp is { } timestamp ? new DateTimeOffset(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc)) : now;

    private static bool IsSettled(JobRow row) =>
        row.Phase is { } phase && (phase.IsTerminal() || JobExpectations.For(row.Name).IsMetBy(phase, row.Message));
}
