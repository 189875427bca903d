namespace FutReindexOperator.Decisions;

/// <summary>The delays of the decision: poll intervals with jitter and capped exponential retry backoff.</summary>
public static class Delays
{
    /// <summary>
    /// The wait before poll number <paramref name="pollsDone"/> + 1: firstInterval doubled per poll done, capped at
    /// maxInterval, then lengthened by up to jitterPercent using <paramref name="jitterSample"/> in [0, 1).
    /// </summary>
    public static TimeSpan PollInterval(EffectivePolling polling, int pollsDone, double jitterSample)
    {
        ArgumentNullException.ThrowIfNull(polling);
        var grown = Doubled(polling.FirstInterval, Math.Max(0, pollsDone - 1), polling.MaxInterval);
        return WithJitter(grown, polling.JitterPercent, jitterSample);
    }

    /// <summary><paramref name="baseDelay"/> doubled per earlier failure (<paramref name="failures"/> counts this one), capped.</summary>
    public static TimeSpan Backoff(TimeSpan baseDelay, TimeSpan cap, int failures)
        => Doubled(baseDelay, Math.Max(0, failures - 1), cap);

    /// <summary>Lengthens <paramref name="delay"/> by <paramref name="jitterPercent"/> percent times <paramref name="sample"/>.</summary>
    public static TimeSpan WithJitter(TimeSpan delay, int jitterPercent, double sample)
    {
        var fraction = Math.Clamp(sample, 0, 1) * Math.Clamp(jitterPercent, 0, 100) / 100d;
        return delay + (delay * fraction);
    }

    private static TimeSpan Doubled(TimeSpan start, int doublings, TimeSpan cap)
    {
        var delay = start;
        for (var step = 0; step < doublings && delay < cap; step++)
        {
            delay += delay;
        }

        return delay < cap ? delay : cap;
    }
}
