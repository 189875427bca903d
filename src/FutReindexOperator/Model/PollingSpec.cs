using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("Polling of $hapi.fhir.reindex-status. HAPI moves jobs on about once a minute, so polling faster gains little.")]
public sealed class PollingSpec
{
    /// <summary>
    /// The longest firstInterval, maxInterval and errorGracePeriod: 24 hours, the same bound as the operator's own
    /// defaults. Longer values are refused by validation and, where a spec changed after submission, cut to this.
    /// </summary>
    public static readonly TimeSpan LongestInterval = TimeSpan.FromHours(24);

    /// <summary>The longest deadline and stallTimeout: 8760 hours (365 days), the same bound as the operator's own defaults.</summary>
    public static readonly TimeSpan LongestDeadline = TimeSpan.FromDays(365);

    /// <summary>The shortest wait between two polls the operator makes, whatever a spec changed after submission says.</summary>
    public static readonly TimeSpan ShortestInterval = TimeSpan.FromMilliseconds(10);

    [JsonPropertyName("firstInterval")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The wait before the first poll; each later wait doubles, up to maxInterval. At most 24h. Absent: the operator's default (Reindex:Polling:FirstInterval, 15s unless configured).")]
    public TimeSpan? FirstInterval { get; set; }

    [JsonPropertyName("maxInterval")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The longest wait between two polls. At most 24h. Absent: the operator's default (Reindex:Polling:MaxInterval, 1m unless configured).")]
    public TimeSpan? MaxInterval { get; set; }

    [JsonPropertyName("jitterPercent")]
    [Range(0, 100)]
    [Description("Each wait is lengthened by a random amount of up to this percentage, so that jobs started together do not poll together.")]
    public int JitterPercent { get; set; } = 20;

    [JsonPropertyName("deadline")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The longest the whole job may take, counted from its submission; after it the job is Failed with reason DeadlineExceeded. HAPI has no cancel operation, so the server's job is not stopped. At most 8760h (365 days). Absent: the operator's default (Reindex:Polling:Deadline, 72h unless configured).")]
    public TimeSpan? Deadline { get; set; }

    [JsonPropertyName("stallTimeout")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("How long the server's answer may stay unchanged before the job is shown as Stalled (HAPI jobs can hang after a server restart). Polling goes on; the job returns to Running when the answer changes. Raise it for large data sets. At most 8760h (365 days). Absent: the operator's default (Reindex:Polling:StallTimeout, 2h unless configured).")]
    public TimeSpan? StallTimeout { get; set; }

    [JsonPropertyName("errorGracePeriod")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("HAPI shows a retryable error (ERRORED) exactly like a final one (FAILED). The job is Failed only when the error was seen on at least two polls spanning this period. At most 24h. Absent: the operator's default (Reindex:Polling:ErrorGracePeriod, 3m unless configured).")]
    public TimeSpan? ErrorGracePeriod { get; set; }
}
