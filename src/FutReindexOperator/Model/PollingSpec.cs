using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("Polling of $hapi.fhir.reindex-status. HAPI moves jobs on about once a minute, so polling faster gains little.")]
public sealed class PollingSpec
{
    [JsonPropertyName("firstInterval")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The wait before the first poll; each later wait doubles, up to maxInterval. Absent: the operator's default (Reindex:Polling:FirstInterval, 15s unless configured).")]
    public TimeSpan? FirstInterval { get; set; }

    [JsonPropertyName("maxInterval")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The longest wait between two polls. Absent: the operator's default (Reindex:Polling:MaxInterval, 1m unless configured).")]
    public TimeSpan? MaxInterval { get; set; }

    [JsonPropertyName("jitterPercent")]
    [Range(0, 100)]
    [Description("Each wait is lengthened by a random amount of up to this percentage, so that jobs started together do not poll together.")]
    public int JitterPercent { get; set; } = 20;

    [JsonPropertyName("deadline")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The longest the whole job may take, counted from its submission; after it the job is Failed with reason DeadlineExceeded. HAPI has no cancel operation, so the server's job is not stopped. Absent: the operator's default (Reindex:Polling:Deadline, 72h unless configured).")]
    public TimeSpan? Deadline { get; set; }

    [JsonPropertyName("stallTimeout")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("How long the server's answer may stay unchanged before the job is shown as Stalled (HAPI jobs can hang after a server restart). Polling goes on; the job returns to Running when the answer changes. Raise it for large data sets. Absent: the operator's default (Reindex:Polling:StallTimeout, 2h unless configured).")]
    public TimeSpan? StallTimeout { get; set; }

    [JsonPropertyName("errorGracePeriod")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("HAPI shows a retryable error (ERRORED) exactly like a final one (FAILED). The job is Failed only when the error was seen on at least two polls spanning this period. Absent: the operator's default (Reindex:Polling:ErrorGracePeriod, 3m unless configured).")]
    public TimeSpan? ErrorGracePeriod { get; set; }
}
