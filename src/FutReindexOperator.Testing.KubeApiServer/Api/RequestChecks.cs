using System.Text.Json;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Resources;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>Checks of request bodies that the real server's decoder makes before any other rule.</summary>
public static class RequestChecks
{
    public static void CheckKind(ResourceDefinition definition, JsonObject body)
    {
        CheckMetadataTypes(body);
        var kind = body["kind"]?.GetValue<string>();
        if (kind is not null && kind.Length > 0 && kind != definition.Kind)
        {
            throw StatusObjects.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({definition.Kind})");
        }

        var apiVersion = body["apiVersion"]?.GetValue<string>();
        if (apiVersion is not null && apiVersion.Length > 0 && apiVersion != definition.ApiVersion)
        {
            throw StatusObjects.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({definition.ApiVersion})");
        }
    }

    /// <summary>Refuses metadata the real server could not decode, with the decoder's kind of message.</summary>
    public static void CheckMetadataTypes(JsonObject body)
    {
        var metadata = body["metadata"];
        if (metadata is not null and not JsonObject)
        {
            throw StatusObjects.BadRequest("json: cannot unmarshal into Go struct field .metadata of type v1.ObjectMeta: metadata must be an object");
        }

        foreach (var field in new[] { "name", "namespace", "generateName", "resourceVersion" })
        {
            if (metadata?[field] is { } value && value.GetValueKind() != JsonValueKind.String)
            {
                throw StatusObjects.BadRequest($"json: cannot unmarshal {value.GetValueKind().ToString().ToLowerInvariant()} into Go struct field ObjectMeta.metadata.{field} of type string");
            }
        }

        foreach (var map in new[] { "labels", "annotations" })
        {
            if (metadata?[map] is not { } node)
            {
                continue;
            }

            if (node is not JsonObject entries || entries.Any(e => e.Value?.GetValueKind() != JsonValueKind.String))
            {
                throw StatusObjects.BadRequest($"json: cannot unmarshal into Go struct field ObjectMeta.metadata.{map} of type map[string]string: every value must be a string");
            }
        }

        if (metadata?["finalizers"] is { } finalizers && (finalizers is not JsonArray list || list.Any(f => f?.GetValueKind() != JsonValueKind.String)))
        {
            throw StatusObjects.BadRequest("json: cannot unmarshal into Go struct field ObjectMeta.metadata.finalizers of type []string: every finalizer must be a string");
        }
    }
}
