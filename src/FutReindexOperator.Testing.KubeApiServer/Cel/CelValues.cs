using System.Text.Json;
using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Cel;

/// <summary>
/// Turns JSON values into the values the <c>Cel</c> engine works on, typed by the schema as kube-apiserver
/// types them: objects become maps, arrays lists, <c>integer</c> int, <c>number</c> double.
/// </summary>
internal static class CelValues
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => From(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(From).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var integer) => integer,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
