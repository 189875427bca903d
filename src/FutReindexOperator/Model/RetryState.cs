using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("A problem the operator retries with a growing delay.")]
public sealed record RetryState
{
    [JsonPropertyName("reason")]
    [MaxLength(128)]
    [Description("The kind of problem, for example ServerUnavailable, Unauthorized or Forbidden.")]
    public string Reason { get; init; } = "";

    // Absent in a status written by hand: read as 1, so that the operator writes it back within the schema's minimum.
    [JsonPropertyName("count")]
    [Range(1, int.MaxValue)]
    [Description("How many attempts in a row met it.")]
    public int Count { get; init; } = 1;

    [JsonPropertyName("since")]
    [Description("When it was first met.")]
    public DateTimeOffset Since { get; init; }
}
