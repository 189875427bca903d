namespace FutReindexOperator.Testing.HapiSimulator.Jobs;

/// <summary>
/// What a job does over its life: an ordered list of phases. The job starts in the first phase; ended states
/// (FAILED, COMPLETED, CANCELLED) may only appear as the last phase.
/// </summary>
public sealed record JobScript
{
    /// <summary>The error message HAPI gives a reindex with failed resources.</summary>
    public const string DefaultFailureMessage = "HAPI-2790: Reindex (v3) had 3 failure(s). See report for details.";

    public JobScript(IReadOnlyList<JobPhase> phases, int resourcesChangedPerType = 32, bool hasReport = true)
    {
        ArgumentNullException.ThrowIfNull(phases);
        if (phases.Count == 0)
        {
            throw new ArgumentException("A job script needs at least one phase.", nameof(phases));
        }

        for (var index = 0; index < phases.Count - 1; index++)
        {
            if (phases[index].State.IsEnded())
            {
                throw new ArgumentException(
                    $"Phase {index} is {phases[index].State.ToHapiName()}, an ended state; only the last phase may end the job.",
                    nameof(phases));
            }
        }

        foreach (var phase in phases)
        {
            if (phase.Duration < TimeSpan.Zero || phase.Polls < 1)
            {
                throw new ArgumentException("A phase's Duration must not be negative and its Polls must be at least 1.", nameof(phases));
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegative(resourcesChangedPerType);
        Phases = phases;
        ResourcesChangedPerType = resourcesChangedPerType;
        HasReport = hasReport;
    }

    /// <summary>The phases in order.</summary>
    public IReadOnlyList<JobPhase> Phases { get; }

    /// <summary>Resources reported changed per resource type when the job completes.</summary>
    public int ResourcesChangedPerType { get; }

    /// <summary>Whether a completed job carries a report (HAPI's normal case).</summary>
    public bool HasReport { get; }

    /// <summary>Any sequence of phases.</summary>
    public static JobScript Of(params JobPhase[] phases) => new(phases);

    /// <summary>QUEUED, IN_PROGRESS, FINALIZE for the given times (each at least one maintenance pass), then COMPLETED.</summary>
    public static JobScript Completes(
        int resourcesChangedPerType = 32, TimeSpan? queuedFor = null, TimeSpan? inProgressFor = null, TimeSpan? finalizeFor = null) =>
        new(
            [
                JobPhase.For(ReindexJobState.Queued, queuedFor ?? TimeSpan.Zero),
                JobPhase.For(ReindexJobState.InProgress, inProgressFor ?? TimeSpan.Zero),
                JobPhase.For(ReindexJobState.Finalize, finalizeFor ?? TimeSpan.Zero),
                JobPhase.Forever(ReindexJobState.Completed),
            ],
            resourcesChangedPerType);

    /// <summary>QUEUED, IN_PROGRESS, then FAILED with <paramref name="message"/>.</summary>
    public static JobScript Fails(string message = DefaultFailureMessage, TimeSpan? queuedFor = null, TimeSpan? inProgressFor = null) =>
        new(
        [
            JobPhase.For(ReindexJobState.Queued, queuedFor ?? TimeSpan.Zero),
            JobPhase.For(ReindexJobState.InProgress, inProgressFor ?? TimeSpan.Zero),
            new JobPhase(ReindexJobState.Failed, ErrorMessage: message),
        ]);

    /// <summary>QUEUED, IN_PROGRESS, ERRORED (retryable) for <paramref name="erroredFor"/>, then COMPLETED.</summary>
    public static JobScript ErrorsThenCompletes(string message, TimeSpan? erroredFor = null, int resourcesChangedPerType = 32) =>
        new(
            [
                JobPhase.For(ReindexJobState.Queued, TimeSpan.Zero),
                JobPhase.For(ReindexJobState.InProgress, TimeSpan.Zero),
                new JobPhase(ReindexJobState.Errored, erroredFor ?? TimeSpan.Zero, ErrorMessage: message),
                JobPhase.Forever(ReindexJobState.Completed),
            ],
            resourcesChangedPerType);

    /// <summary>QUEUED, IN_PROGRESS, ERRORED for <paramref name="erroredFor"/>, then FAILED with the same message.</summary>
    public static JobScript ErrorsThenFails(string message, TimeSpan? erroredFor = null) =>
        new(
        [
            JobPhase.For(ReindexJobState.Queued, TimeSpan.Zero),
            JobPhase.For(ReindexJobState.InProgress, TimeSpan.Zero),
            new JobPhase(ReindexJobState.Errored, erroredFor ?? TimeSpan.Zero, ErrorMessage: message),
            new JobPhase(ReindexJobState.Failed, ErrorMessage: message),
        ]);

    /// <summary>Reaches <paramref name="state"/> through the usual earlier states and stays there (HAPI issue #4212).</summary>
    public static JobScript StuckIn(ReindexJobState state)
    {
        if (state.IsEnded())
        {
            throw new ArgumentException("A job can only be stuck in QUEUED, IN_PROGRESS, FINALIZE or ERRORED.", nameof(state));
        }

        var leadIn = state switch
        {
            ReindexJobState.Queued => 0,
            ReindexJobState.InProgress => 1,
            _ => 2,
        };
        var phases = new[] { ReindexJobState.Queued, ReindexJobState.InProgress }
            .Take(leadIn)
            .Select(earlier => JobPhase.For(earlier, TimeSpan.Zero))
            .ToList();
        phases.Add(new JobPhase(state, ErrorMessage: state == ReindexJobState.Errored ? DefaultFailureMessage : null));
        return new JobScript(phases);
    }

    /// <summary>
    /// A poll-driven script for deterministic tests: each step shows its state for the given number of polls;
    /// the job then ends in <paramref name="final"/> (COMPLETED unless stated).
    /// </summary>
    public static JobScript ByPolls(IEnumerable<(ReindexJobState State, int Polls)> steps, ReindexJobState final = ReindexJobState.Completed, string? errorMessage = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var phases = steps.Select(step => new JobPhase(step.State, Polls: step.Polls, ErrorMessage: errorMessage)).ToList();
        phases.Add(new JobPhase(final, ErrorMessage: errorMessage));
        return new JobScript(phases);
    }
}
