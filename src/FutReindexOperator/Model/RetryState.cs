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

    [JsonPropertyName("count")]
    [Range(1, int.MaxValue)]
    [Description("How many attempts in a row met it.")]
    public int Count { get; init; }

    [JsonPropertyName("since")]
    [Description("When it was first met.")]
    public DateTimeOffset Since { get; init; }
}
