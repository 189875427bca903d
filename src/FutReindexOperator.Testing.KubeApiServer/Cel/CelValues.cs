using System.Text.Json;
using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Cel;

/// <summary>
/// Turns JSON values into the values the <c>Cel</c> engine works on, typed by the schema as kube-apiserver
/// types them: objects become maps, arrays lists, <c>integer</c> int, <c>number</c> double. A null value of an
/// object's property is left out, as kube-apiserver reads it ("null valued nullable fields are treated the same as
/// absent optional fields"): <c>has(self.f)</c> is false for <c>f: null</c>. Map values (<c>additionalProperties</c>)
/// keep their nulls.
/// </summary>
internal static class CelValues
{
    /// <param name="node">The value.</param>
    /// <param name="schema">Its schema node, or null when unknown (then objects count as having properties).</param>
    public static object? From(JsonNode? node, JsonObject? schema) => node switch
    {
        null => null,
        JsonObject obj when schema?["additionalProperties"] is JsonObject values =>
            obj.ToDictionary(p => p.Key, p => From(p.Value, values), StringComparer.Ordinal),
        JsonObject obj => obj.Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => From(p.Value, schema?["properties"]?[p.Key] as JsonObject), StringComparer.Ordinal),
        JsonArray array => array.Select(item => From(item, schema?["items"] as JsonObject)).ToList(),
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
