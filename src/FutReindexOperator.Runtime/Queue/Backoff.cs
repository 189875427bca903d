namespace FutReindexOperator.Runtime.Queue;

/// <summary>
/// The one retry-delay arithmetic of the operator (the runtime's queue, workers and watches, and the reconcile
/// decisions): pure, with no clock and no randomness of its own, so callers and tests decide both. Neither method
/// throws on extreme inputs or overflows: a negative delay counts as zero and results saturate.
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
        var cap = NotNegative(maxDelay);
        var delay = NotNegative(baseDelay);
        for (var doublings = 1; doublings < failures && delay > TimeSpan.Zero && delay < cap; doublings++)
        {
            delay = delay > cap - delay ? cap : delay + delay;
        }

        return delay < cap ? delay : cap;
    }

    /// <summary>
    /// Jitter with client-go's meaning (<c>wait.Jitter</c>): <paramref name="delay"/> lengthened by up to
    /// <paramref name="maxFactor"/> times itself, in proportion to <paramref name="sample"/>, so that many clients
    /// waiting together do not all wake together. The result lies in [delay, delay × (1 + maxFactor)].
    /// </summary>
    /// <remarks>
    /// A caller whose wait must not exceed a bound jitters a shorter delay: half the bound with a factor of 1 spreads
    /// the wait over the bound's upper half.
    /// </remarks>
    /// <param name="delay">The wait before jitter.</param>
    /// <param name="maxFactor">The most that is added, as a fraction of <paramref name="delay"/> (0.2 adds up to 20 %);
    /// a negative factor counts as 0.</param>
    /// <param name="sample">A random number in [0, 1]; a value outside is clamped into it, NaN counts as 0.</param>
    public static TimeSpan Jittered(TimeSpan delay, double maxFactor, double sample)
    {
        var start = NotNegative(delay);
        var fraction = Math.Clamp(double.IsNaN(sample) ? 0 : sample, 0, 1) * Math.Max(0, double.IsNaN(maxFactor) ? 0 : maxFactor);
        var added = Math.Round(start.Ticks * fraction);
        if (!(added > 0))
        {
            return start;
        }

        return added >= TimeSpan.MaxValue.Ticks - start.Ticks ? TimeSpan.MaxValue : start + TimeSpan.FromTicks((long)added);
    }

    private static TimeSpan NotNegative(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
}
