namespace FutReindexOperator.Runtime.Leadership;

/// <summary>Runs work only while this instance leads.</summary>
public interface ILeaderGate
{
    /// <summary>
    /// Whether this instance leads and is sure of it right now: elected, and the lease certainly still its own by its
    /// own clock (<see cref="ILeaderElector.HoldsLease"/>). Checked right before every write and remote call that only
    /// the leader may make (see <see cref="LeadershipFence"/>).
    /// </summary>
    bool IsLeader { get; }

    /// <summary>
    /// Starts <paramref name="whileLeading"/> each time this instance becomes leader, with a token that is cancelled
    /// the moment leadership is lost; waits for a term's work to end before starting the next term. Returns once
    /// <paramref name="stoppingToken"/> is cancelled and the current work has ended, after giving up leadership so a
    /// successor can take over at once.
    /// </summary>
    Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken stoppingToken);
}
