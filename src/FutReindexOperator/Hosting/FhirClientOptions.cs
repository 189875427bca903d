namespace FutReindexOperator.Hosting;

/// <summary>HTTP settings of the requests to FHIR servers and token endpoints (configuration section <see cref="SectionName"/>).</summary>
public sealed class FhirClientOptions
{
    public const string SectionName = "Reindex:Http";

    /// <summary>
    /// How long one request may take before it is abandoned. A <c>$reindex</c> POST that times out may have reached the
    /// server, so it is handled as a possibly sent submission.
    /// </summary>
    /// <value>Default 100 seconds.</value>
    [SettingRange(SectionName, typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
