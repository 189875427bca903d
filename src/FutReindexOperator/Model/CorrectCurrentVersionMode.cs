using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

/// <summary>HAPI's <c>correctCurrentVersion</c> codes <c>NONE</c> and <c>ALL</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CorrectCurrentVersionMode>))]
public enum CorrectCurrentVersionMode
{
    None,
    All,
}
