using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

/// <summary>HAPI's <c>optimizeStorage</c> codes <c>NONE</c>, <c>CURRENT_VERSION</c> and <c>ALL_VERSIONS</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OptimizeStorageMode>))]
public enum OptimizeStorageMode
{
    None,
    CurrentVersion,
    AllVersions,
}
