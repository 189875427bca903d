namespace FutReindexOperator.Decisions;

/// <summary>
/// The delays of the decision: poll intervals with jitter and capped exponential retry backoff. Every delay is at most
/// <see cref="Longest"/>, and times are computed with <see cref="Later"/>, so that no input makes the arithmetic overflow.
/// </summary>
public static class Delays
{
    /// <summary>
    /// The longest delay a decision asks for: the longest refusal backoff the operator's configuration allows
    /// (<see cref="ReindexOperatorPolicy.RefusedRetryCap"/>, 7 days); poll intervals (at most 24 h, with up to 100 %
    /// jitter) and transient retries stay below it.
    /// </summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    /// <summary>
    /// The wait before poll number <paramref name="pollsDone"/> + 1: firstInterval doubled per poll done, capped at
    /// maxInterval, then lengthened by up to jitterPercent using <paramref name="jitterSample"/> in [0, 1).
    /// </summary>
    public static TimeSpan PollInterval(EffectivePolling polling, int pollsDone, double jitterSample)
    {
        ArgumentNullException.ThrowIfNull(polling);
        var grown = Runtime.Queue.Backoff.Exponential(Math.Max(1, pollsDone), Bounded(polling.FirstInterval), Bounded(polling.MaxInterval));
        return WithJitter(grown, polling.JitterPercent, jitterSample);
    }

    /// <summary><paramref name="baseDelay"/> doubled per earlier failure (<paramref name="failures"/> counts this one), capped.</summary>
    public static TimeSpan Backoff(TimeSpan baseDelay, TimeSpan cap, int failures)
        => Runtime.Queue.Backoff.Exponential(Math.Max(1, failures), Bounded(baseDelay), Bounded(cap));

    /// <summary>Lengthens <paramref name="delay"/> by <paramref name="jitterPercent"/> percent times <paramref name="sample"/>.</summary>
    public static TimeSpan WithJitter(TimeSpan delay, int jitterPercent, double sample)
        => Bounded(Runtime.Queue.Backoff.Jittered(Bounded(delay), Math.Clamp(jitterPercent, 0, 100) / 100d, sample));

    /// <summary>
    /// <paramref name="at"/> + <paramref name="delay"/>, or the latest representable time where that would overflow; a
    /// negative delay counts as none.
    /// </summary>
    public static DateTimeOffset Later(DateTimeOffset at, TimeSpan delay)
        => delay <= TimeSpan.Zero ? at : DateTimeOffset.MaxValue - at > delay ? at + delay : DateTimeOffset.MaxValue;

    private static TimeSpan Bounded(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay > Longest ? Longest : delay;
}
