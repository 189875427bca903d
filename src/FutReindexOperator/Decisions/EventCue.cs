namespace FutReindexOperator.Decisions;

/// <summary>
/// The change of status an event announces. A decision records its events with their cue; the decision that makes the
/// change emits them (<see cref="DecisionContext.Finish"/>), so a state the job stays in is announced once, however
/// often it is reconciled, and a repeat of the same event is counted in its series by the event recorder.
/// </summary>
internal enum EventCue
{
    /// <summary>The transition itself happens once (a submission, an end, a rerun): always emitted.</summary>
    Transition,

    /// <summary>The job entered a new phase or condition reason.</summary>
    Entered,

    /// <summary>The job entered a new phase or condition reason, or its message changed (a different invalid spec).</summary>
    EnteredOrReworded,

    /// <summary>A series of retries for a new reason started (its first retry).</summary>
    RetryStarted,

    /// <summary>The server first reported an error it may still retry (the first poll of the grace period).</summary>
    ServerErrorStarted,

    /// <summary>The decision is the first on a new metadata.generation.</summary>
    NewGeneration,
}
