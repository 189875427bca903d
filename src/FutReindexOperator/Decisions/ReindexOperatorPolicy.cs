using System.ComponentModel.DataAnnotations;
using FutReindexOperator.Hosting;

namespace FutReindexOperator.Decisions;

/// <summary>Operator-wide settings of the decision (bound from configuration section <see cref="SectionName"/>).</summary>
public sealed class ReindexOperatorPolicy : IValidatableObject
{
    public const string SectionName = "Reindex";

    /// <summary>How many jobs may run at once against one FHIR base.</summary>
    /// <value>Default 1: HAPI allows parallel jobs, but they compete for the same database.</value>
    [SettingRange(SectionName, 1, 100)]
    public int MaxRunningPerTarget { get; init; } = 1;

    /// <summary>The first delay after a transient failure (server unavailable, mesh faults, timeouts); doubles per failure.</summary>
    /// <value>Default 5 seconds.</value>
    [SettingRange(SectionName, typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay after transient failures.</summary>
    /// <value>Default 5 minutes.</value>
    [SettingRange(SectionName, typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryCap { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first delay after refused credentials or permissions (401 after a renewal, 403); doubles per refusal.</summary>
    /// <value>Default 1 minute.</value>
    [SettingRange(SectionName, typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RefusedRetryBase { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest delay after refusals.</summary>
    /// <value>Default 30 minutes.</value>
    [SettingRange(SectionName, typeof(TimeSpan), "00:00:00.010", "7.00:00:00")]
    public TimeSpan RefusedRetryCap { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a job waiting for its turn on a target looks again (peers ending also wake it through the shell).</summary>
    /// <value>Default 30 seconds.</value>
    [SettingRange(SectionName, typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan WaitingRecheck { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The polling values of jobs whose <c>spec.polling</c> leaves a field out (section <c>Reindex:Polling</c>).</summary>
    /// <value>Default: first interval 15 s doubling to 60 s, deadline 72 h, stall timeout 2 h, error grace period 3 min.</value>
    public PollingDefaults Polling { get; init; } = new();

    /// <summary>Validates <see cref="Polling"/>, which data annotations on this class do not reach.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Polling, new ValidationContext(Polling), results, validateAllProperties: true);
        return results;
    }
}
