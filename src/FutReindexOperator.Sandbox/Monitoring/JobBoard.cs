using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Display;
using FutReindexOperator.Sandbox.Expectations;

namespace FutReindexOperator.Sandbox.Monitoring;

/// <summary>
/// The jobs of a run as last seen, in the order they were installed. A job is settled once its phase is terminal or it
/// meets its expectation (a job expected to stay Stalled never becomes terminal); its elapsed time stops there.
/// </summary>
public sealed class JobBoard
{
    private readonly IReadOnlyList<(string Name, string Target)> _jobs;
    private readonly Dictionary<string, JobRow> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _settledAt = new(StringComparer.Ordinal);

    /// <summary>A board for the named jobs (name and target Service), each still without a status.</summary>
    public JobBoard(IReadOnlyList<(string Name, string Target)> jobs)
    {
        _jobs = jobs ?? throw new ArgumentNullException(nameof(jobs));
    }

    /// <summary>One row per job, in install order.</summary>
    public IReadOnlyList<JobRow> Rows =>
        [.. _jobs.Select(job => _rows.GetValueOrDefault(job.Name) ?? new JobRow(job.Name, job.Target, null, null, TimeSpan.Zero, null))];

    /// <summary>How many jobs are settled.</summary>
    public int Settled => Rows.Count(IsSettled);

    /// <summary>Whether every job is settled.</summary>
    public bool AllSettled => Rows.All(IsSettled);

    /// <summary>Each job's row and expectation.</summary>
    public IReadOnlyList<JobResult> Results => [.. Rows.Select(row => new JobResult(row, JobExpectations.For(row.Name)))];

    /// <summary>Takes in the jobs as listed at <paramref name="now"/>.</summary>
    public void Update(IEnumerable<ReindexJob> listed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(listed);
        foreach (var job in listed)
        {
            var name = job.Metadata.Name;
            if (!_jobs.Any(known => known.Name == name))
            {
                continue;
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

            var created = job.Metadata.CreationTimestamp is { } timestamp ? new DateTimeOffset(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc)) : now;
            var end = status?.CompletionTime ?? (_settledAt.TryGetValue(name, out var settledAt) ? settledAt : now);
            _rows[name] = row with { Elapsed = end - created };
        }
    }

    private static bool IsSettled(JobRow row) =>
        row.Phase is { } phase && (phase.IsTerminal() || JobExpectations.For(row.Name).IsMetBy(phase, row.Message));
}
