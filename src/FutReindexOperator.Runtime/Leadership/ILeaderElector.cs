namespace FutReindexOperator.Runtime.Leadership;

/// <summary>
/// The election itself, apart from what the runtime does with it: a seam so <see cref="LeaseLeaderGate"/> can be tested
/// with a fake instead of a lease and real time.
/// </summary>
internal interface ILeaderElector
{
    /// <summary>Raised when this instance becomes leader.</summary>
    event Action? StartedLeading;

    /// <summary>Raised when this instance stops leading (lost the lease, or the election stopped).</summary>
    event Action? StoppedLeading;

    /// <summary>
    /// Whether this instance holds the lease by its own clock right now: its last successful acquire or renew began
    /// less than the renew deadline ago. Others count the lease duration from when they observe that write, which is
    /// after it began, so the lease is certainly still ours; the difference between lease duration and renew deadline
    /// is the margin for clocks that run at different rates. False after a pause (SIGSTOP, a long GC, a frozen node)
    /// that outlasted the deadline, before the election itself has noticed.
    /// </summary>
    bool HoldsLease { get; }

    /// <summary>Campaigns, and re-campaigns after every loss, until <paramref name="cancellationToken"/> is cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Gives up the lease if this instance still holds it, so another candidate acquires it on its next try; returns
    /// whether it did (false: another instance holds it).
    /// </summary>
    Task<bool> ReleaseAsync(CancellationToken cancellationToken);
}
