using System.Text.Json.Nodes;

namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>JSON merge patch (RFC 7386) applied locally, to tell whether a patch would change anything.</summary>
public static class MergePatch
{
    /// <summary>The result of applying <paramref name="patch"/> to <paramref name="target"/>; neither is modified.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }

        return result;
    }

    /// <summary>
    /// Whether applying <paramref name="patch"/> to <paramref name="target"/> would change it. A property holding null
    /// counts as absent, as the API server stores it: an object whose status was serialized with explicit nulls is
    /// unchanged by a patch that nulls the same fields.
    /// </summary>
    public static bool Changes(JsonNode? target, JsonNode? patch) =>
        !JsonNode.DeepEquals(WithoutNulls(Apply(target, patch)), WithoutNulls(target));

    /// <summary>Whether two documents are equal once null-valued properties are dropped, as the API server stores them.</summary>
    public static bool EqualIgnoringNulls(JsonNode? left, JsonNode? right) =>
        JsonNode.DeepEquals(WithoutNulls(left), WithoutNulls(right));

    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(property => property.Value is not null)
            .Select(property => KeyValuePair.Create(property.Key, WithoutNulls(property.Value)))),
        JsonArray array => new JsonArray([.. array.Select(item => WithoutNulls(item))]),
        _ => node?.DeepClone(),
    };
}
