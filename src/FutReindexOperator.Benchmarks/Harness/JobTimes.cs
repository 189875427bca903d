using FutReindexOperator.Model;

namespace FutReindexOperator.Benchmarks.Harness;

/// <summary>What the jobs' own status says about the run.</summary>
public static class JobTimes
{
    public static bool AllSubmitted(IReadOnlyList<ReindexJob> jobs, int expected)
        => jobs.Count >= expected && jobs.All(job => job.Status?.JobId is not null);

    public static bool AllTerminal(IReadOnlyList<ReindexJob> jobs, int expected)
        => jobs.Count >= expected && jobs.All(job => job.Status?.Phase is { } phase && phase.IsTerminal());

    /// <summary>The latest <c>submittedAt</c>, or null when a job has none.</summary>
    public static DateTimeOffset? LastSubmitted(IReadOnlyList<ReindexJob> jobs)
        => jobs.Count == 0 || jobs.Any(job => job.Status?.SubmittedAt is null) ? null : jobs.Max(job => job.Status!.SubmittedAt!.Value);

    /// <summary>The latest <c>completionTime</c>, or null when a job has none.</summary>
    public static DateTimeOffset? LastCompleted(IReadOnlyList<ReindexJob> jobs)
        => jobs.Count == 0 || jobs.Any(job => job.Status?.CompletionTime is null) ? null : jobs.Max(job => job.Status!.CompletionTime!.Value);
}
