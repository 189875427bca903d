using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

/// <summary>HAPI's <c>reindexSearchParameters</c> codes <c>ALL</c> and <c>NONE</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReindexSearchParametersMode>))]
public enum ReindexSearchParametersMode
{
    All,
    None,
}
