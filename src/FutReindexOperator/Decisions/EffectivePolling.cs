using FutReindexOperator.Model;

namespace FutReindexOperator.Decisions;

/// <summary>A job's polling values: each field of its <c>spec.polling</c>, or the operator's default where it is absent.</summary>
public sealed record EffectivePolling(
    TimeSpan FirstInterval,
    TimeSpan MaxInterval,
    int JitterPercent,
    TimeSpan Deadline,
    TimeSpan StallTimeout,
    TimeSpan ErrorGracePeriod)
{
    /// <summary>
    /// Takes each field from <paramref name="spec"/> when present, otherwise from <paramref name="defaults"/>, within
    /// the bounds of <see cref="PollingSpec"/>: validation refuses a spec outside them before submission, but a spec
    /// changed after submission is not validated again, and must still give finite delays that cannot overflow.
    /// </summary>
    public static EffectivePolling Resolve(PollingSpec spec, PollingDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(defaults);
        return new EffectivePolling(
            Clamp(spec.FirstInterval ?? defaults.FirstInterval, PollingSpec.ShortestInterval, PollingSpec.LongestInterval),
            Clamp(spec.MaxInterval ?? defaults.MaxInterval, PollingSpec.ShortestInterval, PollingSpec.LongestInterval),
            Math.Clamp(spec.JitterPercent, 0, 100),
            Clamp(spec.Deadline ?? defaults.Deadline, TimeSpan.Zero, PollingSpec.LongestDeadline),
            Clamp(spec.StallTimeout ?? defaults.StallTimeout, TimeSpan.Zero, PollingSpec.LongestDeadline),
            Clamp(spec.ErrorGracePeriod ?? defaults.ErrorGracePeriod, TimeSpan.Zero, PollingSpec.LongestInterval));
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan shortest, TimeSpan longest)
        => value < shortest ? shortest : value > longest ? longest : value;
}
