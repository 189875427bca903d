namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>
/// What a successful reconcile asks of the queue: nothing (<see cref="Done"/>) or another pass after a delay
/// (<see cref="RequeueAfter"/>). Failures are exceptions, not results; there is deliberately no boolean "requeue".
/// </summary>
public abstract record ReconcileResult
{
    private ReconcileResult()
    {
    }

    /// <summary>The object is where it should be; the next pass comes from a change, a resync or another key's request.</summary>
    public static ReconcileResult Done { get; } = new DoneResult();

    /// <summary>Shape of <see cref="Done"/>.</summary>
    public sealed record DoneResult : ReconcileResult;

    /// <summary>Reconcile the object again after <see cref="Delay"/> (at the latest: an earlier trigger wins); a zero or
    /// negative delay means as soon as a worker is free.</summary>
    public sealed record RequeueAfter(TimeSpan Delay) : ReconcileResult;
}
