using System.ComponentModel.DataAnnotations;

namespace FutReindexOperator.Decisions;

/// <summary>
/// The operator's polling values for a job whose <c>spec.polling</c> leaves a field out (configuration section
/// <c>Reindex:Polling</c>, bound as <see cref="ReindexOperatorPolicy.Polling"/>). The CRD carries no defaults for
/// these fields, so that an administrator's values here apply to every job that does not set its own.
/// </summary>
public sealed class PollingDefaults : IValidatableObject
{
    /// <summary>The wait before the first poll; each later wait doubles, up to <see cref="MaxInterval"/>.</summary>
    /// <value>Default 15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Reindex:Polling:FirstInterval must be between 00:00:00.010 and 1.00:00:00.")]
    public TimeSpan FirstInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest wait between two polls.</summary>
    /// <value>Default 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Reindex:Polling:MaxInterval must be between 00:00:00.010 and 1.00:00:00.")]
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest a whole job may take, counted from its submission.</summary>
    /// <value>Default 72 hours.</value>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "Reindex:Polling:Deadline must be between 00:00:01 and 365.00:00:00.")]
    public TimeSpan Deadline { get; init; } = TimeSpan.FromHours(72);

    /// <summary>How long the server's answer may stay unchanged before the job is shown as Stalled.</summary>
    /// <value>Default 2 hours.</value>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "Reindex:Polling:StallTimeout must be between 00:00:01 and 365.00:00:00.")]
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>How long a server-reported error must persist (over two polls at least) before the job is Failed.</summary>
    /// <value>Default 3 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Reindex:Polling:ErrorGracePeriod must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan ErrorGracePeriod { get; init; } = TimeSpan.FromMinutes(3);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxInterval < FirstInterval)
        {
            yield return new ValidationResult(
                $"Reindex:Polling:MaxInterval ({MaxInterval}) must be at least Reindex:Polling:FirstInterval ({FirstInterval}).", [nameof(MaxInterval)]);
        }
    }
}
