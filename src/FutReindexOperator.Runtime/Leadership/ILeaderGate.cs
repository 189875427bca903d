namespace FutReindexOperator.Runtime.Leadership;

/// <summary>Runs work only while this instance leads.</summary>
public interface ILeaderGate
{
    /// <summary>Whether this instance leads right now.</summary>
    bool IsLeader { get; }

    /// <summary>
    /// Starts <paramref name="whileLeading"/> each time this instance becomes leader, with a token that is cancelled
    /// the moment leadership is lost; waits for a term's work to end before starting the next term. Returns once
    /// <paramref name="stoppingToken"/> is cancelled and the current work has ended, after giving up leadership so a
    /// successor can take over at once.
    /// </summary>
    Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken stoppingToken);
}
