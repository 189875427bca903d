namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>
/// A token bucket on the injected clock: up to <paramref name="burst"/> takes at once, refilled by one token every
/// <paramref name="refillInterval"/>. (System.Threading.RateLimiting's bucket refills on its own timer, which a test
/// clock cannot drive.)
/// </summary>
internal sealed class TokenBucket(int burst, TimeSpan refillInterval, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = burst;
    private long _refilledAt = time.GetTimestamp();

    /// <summary>True when the bucket holds its whole burst, so it behaves exactly as a new one would.</summary>
    public bool IsFull
    {
        get
        {
            lock (_gate)
            {
                return _tokens + (time.GetElapsedTime(_refilledAt) / refillInterval) >= burst;
            }
        }
    }

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_refilledAt, now) / refillInterval));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
