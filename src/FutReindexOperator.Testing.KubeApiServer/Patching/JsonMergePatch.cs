using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Patching;

/// <summary>RFC 7386 JSON merge patch: objects merge, null removes, everything else replaces.</summary>
public static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            var merged = Apply(result[name]?.DeepClone(), value);
            result[name] = merged;
        }

        return result;
    }
}
