using System.Text.Json;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Validation;

namespace FutReindexOperator.Testing.KubeApiServer.Resources;

/// <summary>Reads a CustomResourceDefinition object into the resource definitions it serves.</summary>
public static class CustomResourceDefinitions
{
    /// <summary>The definitions of every served version; throws a 422 <c>Invalid</c> for a malformed CRD.</summary>
    public static IReadOnlyList<ResourceDefinition> Read(JsonObject crd)
    {
        var name = crd["metadata"]?["name"].Text() ?? "";
        var spec = crd["spec"] as JsonObject;
        var causes = new List<StatusCause>();
        var group = spec?["group"].Text();
        var names = spec?["names"] as JsonObject;
        var plural = names?["plural"].Text();
        var kind = names?["kind"].Text();
        var scope = spec?["scope"].Text();
        if (string.IsNullOrEmpty(group))
        {
            causes.Add(new("FieldValueRequired", "spec.group", "Required value"));
        }

        if (string.IsNullOrEmpty(plural))
        {
            causes.Add(new("FieldValueRequired", "spec.names.plural", "Required value"));
        }

        if (string.IsNullOrEmpty(kind))
        {
            causes.Add(new("FieldValueRequired", "spec.names.kind", "Required value"));
        }

        if (scope is not ("Namespaced" or "Cluster"))
        {
            causes.Add(new("FieldValueNotSupported", "spec.scope", $"Unsupported value: \"{scope}\": supported values: \"Cluster\", \"Namespaced\""));
        }

        if (causes.Count == 0 && name != $"{plural}.{group}")
        {
            causes.Add(new("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group"));
        }

        var versions = spec?["versions"] as JsonArray;
        if (versions is null || versions.Count == 0)
        {
            causes.Add(new("FieldValueRequired", "spec.versions", "Required value: must have exactly one version marked as storage version"));
        }

        if (causes.Count > 0)
        {
            throw StatusObjects.Invalid(BuiltInResources.CustomResourceDefinitions, name, causes);
        }

        var schemas = versions!.OfType<JsonObject>().Select(v => v["schema"]?["openAPIV3Schema"] as JsonObject).ToList();
        var hoisted = schemas.All(s => JsonNode.DeepEquals(s, schemas[0]));
        var rules = new List<Cel.SchemaRules?>();
        for (var i = 0; i < schemas.Count; i++)
        {
            // kube-apiserver names one schema shared by all versions spec.validation, as its internal form holds it.
            var path = hoisted ? "spec.validation.openAPIV3Schema" : $"spec.versions[{i}].schema.openAPIV3Schema";
            if (schemas[i] is not { } schema || (hoisted && i > 0))
            {
                rules.Add(hoisted && i > 0 ? rules[0] : null);
                continue;
            }

            CrdSchemaChecks.Check(schema, path, causes);
            rules.Add(Cel.RuleCompiler.Compile(schema, path, causes));
        }

        if (causes.Count > 0)
        {
            throw StatusObjects.Invalid(BuiltInResources.CustomResourceDefinitions, name, causes);
        }

        var result = new List<ResourceDefinition>();
        foreach (var (version, index) in versions!.OfType<JsonObject>().Select((v, i) => (v, i)))
        {
            if (version["served"]?.GetValueKind() == JsonValueKind.False)
            {
                continue;
            }

            result.Add(new ResourceDefinition
            {
                Group = group!,
                Version = version["name"].Text() ?? "v1",
                Plural = plural!,
                Singular = names!["singular"].Text() ?? kind!.ToLowerInvariant(),
                Kind = kind!,
                Namespaced = scope == "Namespaced",
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                HasStatusSubresource = version["subresources"]?["status"] is not null,
                Schema = version["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
                Validations = rules[index],
                PrinterColumns = Columns(version["additionalPrinterColumns"] as JsonArray),
                IsCustom = true,
                TracksGeneration = true,
                RequiresResourceVersionOnUpdate = true,
                StorageKey = $"{plural}.{group}",
            });
        }

        return result;
    }

    /// <summary>The status a real server reports for an accepted, established CRD.</summary>
    public static JsonObject EstablishedStatus(JsonObject crd, string now)
    {
        var names = crd["spec"]?["names"]?.DeepClone() as JsonObject ?? [];
        names["singular"] ??= names["kind"].Text()?.ToLowerInvariant();
        names["listKind"] ??= names["kind"].Text() + "List";
        var storedVersions = new JsonArray((crd["spec"]?["versions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(v => v["storage"]?.GetValueKind() == JsonValueKind.True)
            .Select(v => (JsonNode?)v["name"].Text())
            .ToArray());
        return new JsonObject
        {
            ["acceptedNames"] = names,
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["storedVersions"] = storedVersions,
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static string? Text(this JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n.Text() ?? "").Where(s => s.Length > 0).ToList() : [];

    private static List<PrinterColumn> Columns(JsonArray? columns) =>
        columns?.OfType<JsonObject>().Select(c => new PrinterColumn(
            c["name"].Text() ?? "",
            c["type"].Text() ?? "string",
            c["jsonPath"].Text() ?? "",
            c["priority"] is JsonValue p && p.TryGetValue<int>(out var priority) ? priority : 0,
            c["description"].Text() ?? "",
            c["format"].Text() ?? "")).ToList() ?? [];
}
