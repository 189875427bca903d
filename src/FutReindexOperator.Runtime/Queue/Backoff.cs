namespace FutReindexOperator.Runtime.Queue;

/// <summary>
/// Pure delay arithmetic for retries: no clock, no randomness of its own, so callers and tests decide both.
/// </summary>
public static class Backoff
{
    /// <summary>
    /// The delay before retry number <paramref name="failures"/> (1 for the first failure):
    /// <paramref name="baseDelay"/> doubled for each earlier failure, never above <paramref name="maxDelay"/>.
    /// </summary>
    public static TimeSpan Exponential(int failures, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var milliseconds = baseDelay.TotalMilliseconds * Math.Pow(2, failures - 1);
        return milliseconds >= maxDelay.TotalMilliseconds ? maxDelay : TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>
    /// Spreads <paramref name="delay"/> over its upper half using <paramref name="random"/> in [0, 1), so that many
    /// clients failing together do not retry together, while the wait never exceeds <paramref name="delay"/>.
    /// </summary>
    public static TimeSpan Jittered(TimeSpan delay, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(random, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(random, 1d);
        return delay * (0.5 + (random / 2));
    }
}
