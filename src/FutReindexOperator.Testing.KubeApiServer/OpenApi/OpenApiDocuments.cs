using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Resources;

namespace FutReindexOperator.Testing.KubeApiServer.OpenApi;

/// <summary>
/// OpenAPI v3: the root index (<c>/openapi/v3</c>) and one document per group version, with each custom
/// resource's schema published from its CRD and operations that advertise the <c>fieldValidation</c>
/// parameter, so kubectl validates on the server.
/// </summary>
public sealed class OpenApiDocuments(ResourceRegistry registry)
{
    private const string ObjectMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    public JsonObject Root()
    {
        var paths = new JsonObject();
        foreach (var groupVersion in registry.All.Select(d => (d.Group, d.Version)).Distinct())
        {
            var key = PathKey(groupVersion.Group, groupVersion.Version);
            var document = GroupVersion(groupVersion.Group, groupVersion.Version)!;
            var hash = Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())));
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document for <c>api/v1</c> (group empty) or <c>apis/{group}/{version}</c>; null if not served.</summary>
    public JsonObject? GroupVersion(string group, string version)
    {
        var definitions = registry.All.Where(d => d.Group == group && d.Version == version).ToList();
        if (definitions.Count == 0)
        {
            return null;
        }

        var schemas = new JsonObject { [ObjectMetaName] = ObjectMeta() };
        var paths = new JsonObject();
        foreach (var definition in definitions)
        {
            var schemaName = SchemaName(definition);
            schemas[schemaName] = KindSchema(definition);
            var gvk = new JsonObject { ["group"] = definition.Group, ["version"] = definition.Version, ["kind"] = definition.Kind };
            var reference = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" };
            var collection = definition.CollectionPath("{namespace}");
            paths[collection] = new JsonObject
            {
                ["get"] = Operation(definition, "list", gvk, reference, body: false),
                ["post"] = Operation(definition, "post", gvk, reference, body: true),
            };
            var item = new JsonObject
            {
                ["get"] = Operation(definition, "get", gvk, reference, body: false),
                ["put"] = Operation(definition, "put", gvk, reference, body: true),
                ["patch"] = PatchOperation(definition, gvk, reference),
                ["delete"] = Operation(definition, "delete", gvk, reference, body: false),
            };
            if (definition.Namespaced)
            {
                item["parameters"] = new JsonArray(PathParameter("namespace"), PathParameter("name"));
            }
            else
            {
                item["parameters"] = new JsonArray(PathParameter("name"));
            }

            paths[collection + "/{name}"] = item;
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.33.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static string PathKey(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private static string SchemaName(ResourceDefinition definition)
    {
        var package = definition.Group switch
        {
            "" => "io.k8s.api.core",
            "events.k8s.io" => "io.k8s.api.events",
            "coordination.k8s.io" => "io.k8s.api.coordination",
            "apps" => "io.k8s.api.apps",
            "policy" => "io.k8s.api.policy",
            "rbac.authorization.k8s.io" => "io.k8s.api.rbac",
            "apiextensions.k8s.io" => "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
            var group => string.Join('.', group.Split('.').Reverse()),
        };
        return $"{package}.{definition.Version}.{definition.Kind}";
    }

    private static JsonObject KindSchema(ResourceDefinition definition)
    {
        var schema = definition.Schema?.DeepClone() as JsonObject ?? new JsonObject
        {
            ["description"] = $"{definition.Kind} is a built-in Kubernetes resource.",
            ["type"] = "object",
            ["x-kubernetes-preserve-unknown-fields"] = true,
        };
        schema["type"] = "object";
        var properties = schema["properties"] as JsonObject ?? [];
        schema["properties"] = properties;
        properties["apiVersion"] = new JsonObject
        {
            ["description"] = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.",
            ["type"] = "string",
        };
        properties["kind"] = new JsonObject
        {
            ["description"] = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to.",
            ["type"] = "string",
        };
        properties["metadata"] = new JsonObject
        {
            ["description"] = "Standard object's metadata.",
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/components/schemas/{ObjectMetaName}" }),
        };
        schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject
        {
            ["group"] = definition.Group,
            ["kind"] = definition.Kind,
            ["version"] = definition.Version,
        });
        return schema;
    }

    private static JsonObject Operation(ResourceDefinition definition, string action, JsonObject gvk, JsonObject reference, bool body)
    {
        var operation = new JsonObject
        {
            ["operationId"] = $"{action}{definition.Kind}",
            ["parameters"] = new JsonArray(QueryParameter("dryRun"), QueryParameter("fieldManager"), QueryParameter("fieldValidation")),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference.DeepClone() } },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
        if (body)
        {
            operation["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject { ["*/*"] = new JsonObject { ["schema"] = reference.DeepClone() } },
                ["required"] = true,
            };
        }

        return operation;
    }

    private static JsonObject PatchOperation(ResourceDefinition definition, JsonObject gvk, JsonObject reference)
    {
        var operation = Operation(definition, "patch", gvk, reference, body: false);
        var patchSchema = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } };
        operation["parameters"]!.AsArray().Add(QueryParameter("force"));
        operation["requestBody"] = new JsonObject
        {
            ["content"] = new JsonObject
            {
                ["application/apply-patch+yaml"] = patchSchema.DeepClone(),
                ["application/json-patch+json"] = patchSchema.DeepClone(),
                ["application/merge-patch+json"] = patchSchema.DeepClone(),
            },
            ["required"] = true,
        };
        return operation;
    }

    private static JsonObject QueryParameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = $"The {name} option of the request.",
        ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string", ["uniqueItems"] = true },
    };

    private static JsonObject PathParameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["required"] = true,
        ["description"] = $"{name} of the resource",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject ObjectMeta()
    {
        JsonObject Field(string type, string description) => new() { ["type"] = type, ["description"] = description };
        JsonObject StringMap(string description) => new()
        {
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = "" },
            ["description"] = description,
        };
        return new JsonObject
        {
            ["description"] = "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["name"] = Field("string", "Name must be unique within a namespace."),
                ["generateName"] = Field("string", "GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided."),
                ["namespace"] = Field("string", "Namespace defines the space within which each name must be unique."),
                ["uid"] = Field("string", "UID is the unique in time and space value for this object."),
                ["resourceVersion"] = Field("string", "An opaque value that represents the internal version of this object."),
                ["generation"] = new JsonObject { ["type"] = "integer", ["format"] = "int64", ["description"] = "A sequence number representing a specific generation of the desired state." },
                ["creationTimestamp"] = Field("string", "CreationTimestamp is a timestamp representing the server time when this object was created."),
                ["deletionTimestamp"] = Field("string", "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted."),
                ["labels"] = StringMap("Map of string keys and values that can be used to organize and categorize (scope and select) objects."),
                ["annotations"] = StringMap("Annotations is an unstructured key value map stored with a resource."),
                ["finalizers"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "string", ["default"] = "" },
                    ["description"] = "Must be empty before the object is deleted from the registry.",
                    ["x-kubernetes-list-type"] = "set",
                    ["x-kubernetes-patch-strategy"] = "merge",
                },
                ["ownerReferences"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                    ["description"] = "List of objects depended by this object.",
                },
                ["managedFields"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                    ["description"] = "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.",
                },
            },
        };
    }
}
