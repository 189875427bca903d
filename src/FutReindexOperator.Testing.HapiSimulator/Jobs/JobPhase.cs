namespace FutReindexOperator.Testing.HapiSimulator.Jobs;

/// <summary>
/// One step of a <see cref="JobScript"/>: the job shows <paramref name="State"/> until <paramref name="Duration"/> has
/// passed (checked on maintenance passes) or <paramref name="Polls"/> status polls have been answered (checked after
/// each poll). A phase with neither stays forever (a stuck job, or the final state).
/// </summary>
/// <param name="State">The state shown during the phase.</param>
/// <param name="Duration">Time in the phase, measured on the simulator's clock; null for no time limit.</param>
/// <param name="Polls">Status polls answered in the phase; null for no poll limit.</param>
/// <param name="ErrorMessage">The job's error message for ERRORED and FAILED phases.</param>
public sealed record JobPhase(ReindexJobState State, TimeSpan? Duration = null, int? Polls = null, string? ErrorMessage = null)
{
    /// <summary>A phase that lasts <paramref name="duration"/> on the clock.</summary>
    public static JobPhase For(ReindexJobState state, TimeSpan duration) => new(state, Duration: duration);

    /// <summary>A phase that lasts <paramref name="polls"/> status polls.</summary>
    public static JobPhase ForPolls(ReindexJobState state, int polls) => new(state, Polls: polls);

    /// <summary>A phase that never ends (a stuck job or the final state).</summary>
    public static JobPhase Forever(ReindexJobState state) => new(state);

    /// <summary>Whether the phase ends by itself.</summary>
    public bool IsBounded => Duration is not null || Polls is not null;
}
