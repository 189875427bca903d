namespace FutReindexOperator.Testing.HapiSimulator.Jobs;

/// <summary>HAPI's batch2 job states (<c>StatusEnum</c>, protocol section 3.2).</summary>
public enum ReindexJobState
{
    Queued,
    InProgress,
    Finalize,
    Errored,
    Failed,
    Completed,
    Cancelled,
}

/// <summary>State properties from HAPI's <c>StatusEnum</c>.</summary>
public static class ReindexJobStateExtensions
{
    /// <summary>FAILED, COMPLETED and CANCELLED: no further change.</summary>
    public static bool IsEnded(this ReindexJobState state) =>
        state is ReindexJobState.Failed or ReindexJobState.Completed or ReindexJobState.Cancelled;

    /// <summary>Whether a cancel request moves the job to CANCELLED at the next maintenance pass.</summary>
    public static bool IsCancellable(this ReindexJobState state) => !state.IsEnded();

    /// <summary>The name HAPI uses (<c>IN_PROGRESS</c>).</summary>
    public static string ToHapiName(this ReindexJobState state) => state switch
    {
        ReindexJobState.Queued => "QUEUED",
        ReindexJobState.InProgress => "IN_PROGRESS",
        ReindexJobState.Finalize => "FINALIZE",
        ReindexJobState.Errored => "ERRORED",
        ReindexJobState.Failed => "FAILED",
        ReindexJobState.Completed => "COMPLETED",
        ReindexJobState.Cancelled => "CANCELLED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown job state."),
    };
}
