using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("Polling of $hapi.fhir.reindex-status. HAPI moves jobs on about once a minute, so polling faster gains little.")]
public sealed class PollingSpec
{
    [JsonPropertyName("firstInterval")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [Description("The wait before the first poll; each later wait doubles, up to maxInterval.")]
    public TimeSpan FirstInterval { get; set; } = TimeSpan.FromSeconds(15);

    [JsonPropertyName("maxInterval")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [Description("The longest wait between two polls.")]
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(60);

    [JsonPropertyName("jitterPercent")]
    [Range(0, 100)]
    [Description("Each wait is lengthened by a random amount of up to this percentage, so that jobs started together do not poll together.")]
    public int JitterPercent { get; set; } = 20;

    [JsonPropertyName("deadline")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [Description("The longest the whole job may take, counted from its submission; after it the job is Failed with reason DeadlineExceeded. HAPI has no cancel operation, so the server's job is not stopped.")]
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(72);

    [JsonPropertyName("stallTimeout")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [Description("How long the server's answer may stay unchanged before the job is shown as Stalled (HAPI jobs can hang after a server restart). Polling goes on; the job returns to Running when the answer changes. Raise it for large data sets.")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromHours(2);

    [JsonPropertyName("errorGracePeriod")]
    [JsonConverter(typeof(GoDurationJsonConverter))]
    [Description("HAPI shows a retryable error (ERRORED) exactly like a final one (FAILED). The job is Failed only when the error was seen on at least two polls spanning this period.")]
    public TimeSpan ErrorGracePeriod { get; set; } = TimeSpan.FromMinutes(3);
}
