namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>
/// One <see cref="TokenBucket"/> per object, for the event recorder's loop (not thread-safe). Buckets that have
/// refilled completely are dropped at most once per <see cref="EventSeriesTracker.SweepInterval"/>, since a new bucket
/// would behave the same: the operator keeps state for the objects that are noisy now, not for every object it ever saw.
/// </summary>
internal sealed class ObjectRateLimits(int burst, TimeSpan refillInterval, TimeProvider time)
{
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private long _lastSweep = time.GetTimestamp();

    /// <summary>How many objects have a bucket.</summary>
    public int Count => _buckets.Count;

    /// <summary>Takes a token from <paramref name="objectKey"/>'s bucket; false when the object is rate limited.</summary>
    public bool TryTake(string objectKey)
    {
        if (time.GetElapsedTime(_lastSweep) >= EventSeriesTracker.SweepInterval)
        {
            foreach (var key in _buckets.Where(entry => entry.Value.IsFull).Select(entry => entry.Key).ToList())
            {
                _buckets.Remove(key);
            }

            _lastSweep = time.GetTimestamp();
        }

        if (!_buckets.TryGetValue(objectKey, out var bucket))
        {
            bucket = new TokenBucket(burst, refillInterval, time);
            _buckets[objectKey] = bucket;
        }

        return bucket.TryTake();
    }
}
