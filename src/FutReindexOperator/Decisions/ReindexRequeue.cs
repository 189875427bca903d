namespace FutReindexOperator.Decisions;

/// <summary>What the shell does after carrying out a decision's actions.</summary>
public abstract record ReindexRequeue
{
    private ReindexRequeue()
    {
    }

    /// <summary>Nothing more to do until the job changes (a spec edit, a rerun annotation).</summary>
    public sealed record Done : ReindexRequeue;

    /// <summary>Reconcile again after <paramref name="Delay"/> (zero: as soon as possible).</summary>
    public sealed record After(TimeSpan Delay) : ReindexRequeue;

    /// <summary>
    /// Decide again at once with the job as the status write returned it: after a remote call (the last action), with
    /// the call's outcome; without one, when the decision ended a run for which a rerun is waiting.
    /// </summary>
    public sealed record DecideAgain : ReindexRequeue;
}
