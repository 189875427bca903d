using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Patching;

/// <summary>
/// Simplified server-side apply: the applied configuration is merged onto the live object (maps merge, lists
/// and values replace). Fields a manager stops applying stay, and conflicts are never reported.
/// </summary>
public static class ServerSideApply
{
    public static JsonNode Apply(JsonObject current, JsonNode? applied)
    {
        if (applied is not JsonObject configuration)
        {
            throw StatusObjects.BadRequest("an apply patch must be an object");
        }

        return Merge(current, configuration);

        static JsonNode Merge(JsonNode? live, JsonNode configured)
        {
            if (live is not JsonObject liveObject || configured is not JsonObject configuredObject)
            {
                return configured.DeepClone();
            }

            foreach (var (name, value) in configuredObject)
            {
                if (value is null)
                {
                    continue;
                }

                liveObject[name] = Merge(liveObject[name]?.DeepClone(), value);
            }

            return liveObject;
        }
    }
}
