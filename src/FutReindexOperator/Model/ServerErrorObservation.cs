using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("A failure reported by the server while the error grace period runs.")]
public sealed record ServerErrorObservation
{
    [JsonPropertyName("firstSeen")]
    [Description("When the error was first seen.")]
    public DateTimeOffset FirstSeen { get; init; }

    // Absent in a status written by hand: read as 1, so that the operator writes it back within the schema's minimum.
    [JsonPropertyName("polls")]
    [Range(1, int.MaxValue)]
    [Description("On how many consecutive polls it was seen.")]
    public int Polls { get; init; } = 1;

    [JsonPropertyName("message")]
    [MaxLength(ReindexJobStatus.MaxMessageLength)]
    [Description("The server's error message.")]
    public string Message { get; init; } = "";
}
