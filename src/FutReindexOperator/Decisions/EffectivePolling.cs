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
    /// <summary>Takes each field from <paramref name="spec"/> when present, otherwise from <paramref name="defaults"/>.</summary>
    public static EffectivePolling Resolve(PollingSpec spec, PollingDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(defaults);
        return new EffectivePolling(
            spec.FirstInterval ?? defaults.FirstInterval,
            spec.MaxInterval ?? defaults.MaxInterval,
            spec.JitterPercent,
            spec.Deadline ?? defaults.Deadline,
            spec.StallTimeout ?? defaults.StallTimeout,
            spec.ErrorGracePeriod ?? defaults.ErrorGracePeriod);
    }
}
