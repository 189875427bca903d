namespace FutReindexOperator.Fhir;

/// <summary>The not-yet-ended batch2 states the status operation reveals through its 202 text.</summary>
public enum ServerJobState
{
    /// <summary>"$reindex job has not yet started".</summary>
    Queued,

    /// <summary>"$reindex job has started and is in progress" (Gen B adds the current step).</summary>
    InProgress,

    /// <summary>"$reindex job has started and is being finalized".</summary>
    Finalizing,
}
