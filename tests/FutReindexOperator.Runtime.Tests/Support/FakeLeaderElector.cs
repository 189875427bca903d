using FutReindexOperator.Runtime.Leadership;

namespace FutReindexOperator.Runtime.Tests.Support;

/// <summary>An election the test decides: <see cref="Elect"/> and <see cref="Depose"/> raise the elector's signals.</summary>
public sealed class FakeLeaderElector : ILeaderElector
{
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _releases;

    public event Action? StartedLeading;

    public event Action? StoppedLeading;

    public int Releases => Volatile.Read(ref _releases);

    public Task Running => _running.Task;

    /// <summary>Whether the lease is still certainly held by the clock; a test sets false to act out a long pause.</summary>
    public bool HoldsLease { get; set; } = true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _running.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            // As LeaderElector does: stopping the election ends leadership.
            StoppedLeading?.Invoke();
        }
    }

    /// <summary>What <see cref="ReleaseAsync"/> answers: whether this instance still held the lease.</summary>
    public bool ReleaseAnswer { get; set; } = true;

    public Task<bool> ReleaseAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _releases);
        return Task.FromResult(ReleaseAnswer);
    }

    public void Elect() => StartedLeading?.Invoke();

    public void Depose() => StoppedLeading?.Invoke();
}
