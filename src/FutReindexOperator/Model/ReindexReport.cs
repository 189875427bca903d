using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("The server's final report, as far as the operator reads it.")]
public sealed record ReindexReport
{
    /// <summary>The longest summary kept in status.</summary>
    public const int MaxSummaryLength = 1024;

    [JsonPropertyName("resourcesChanged")]
    [Range(0L, long.MaxValue)]
    [Description("The 'Total Resources Changed' count of the report, when the report has one.")]
    public long? ResourcesChanged { get; init; }

    [JsonPropertyName("summary")]
    [MaxLength(MaxSummaryLength)]
    [Description("The start of the server's report text, shortened to 1024 characters.")]
    public string? Summary { get; init; }
}
