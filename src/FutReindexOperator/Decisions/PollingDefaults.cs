using System.ComponentModel.DataAnnotations;
using FutReindexOperator.Hosting;

namespace FutReindexOperator.Decisions;

/// <summary>
/// The operator's polling values for a job whose <c>spec.polling</c> leaves a field out (configuration section
/// <see cref="SectionName"/>, bound as <see cref="ReindexOperatorPolicy.Polling"/>). The CRD carries no defaults for
/// these fields, so that an administrator's values here apply to every job that does not set its own.
/// </summary>
public sealed class PollingDefaults : IValidatableObject
{
    /// <summary>The configuration section, below <see cref="ReindexOperatorPolicy.SectionName"/>.</summary>
    public const string SectionName = ReindexOperatorPolicy.SectionName + ":" + nameof(ReindexOperatorPolicy.Polling);

    /// <summary>The wait before the first poll; each later wait doubles, up to <see cref="MaxInterval"/>.</summary>
    /// <value>Default 15 seconds.</value>
    [SettingRange(SectionName, typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan FirstInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest wait between two polls.</summary>
    /// <value>Default 60 seconds.</value>
    [SettingRange(SectionName, typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest a whole job may take, counted from its submission.</summary>
    /// <value>Default 72 hours.</value>
    [SettingRange(SectionName, typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Deadline { get; init; } = TimeSpan.FromHours(72);

    /// <summary>How long the server's answer may stay unchanged before the job is shown as Stalled.</summary>
    /// <value>Default 2 hours.</value>
    [SettingRange(SectionName, typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>How long a server-reported error must persist (over two polls at least) before the job is Failed.</summary>
    /// <value>Default 3 minutes.</value>
    [SettingRange(SectionName, typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ErrorGracePeriod { get; init; } = TimeSpan.FromMinutes(3);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxInterval < FirstInterval)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(MaxInterval)} ({MaxInterval}) must be at least {SectionName}:{nameof(FirstInterval)} ({FirstInterval}).",
                [nameof(MaxInterval)]);
        }
    }
}
