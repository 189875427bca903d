using System.Text.Json;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Validation;

/// <summary>
/// The checks kube-apiserver makes of a CRD version's <c>openAPIV3Schema</c> before it accepts the CRD, as far
/// as our CRDs exercise them: the schema is structural (every specified node has a type, the root is an object,
/// arrays have items, <c>properties</c> and <c>additionalProperties</c> exclude each other, the root's metadata
/// restricts nothing but name and generateName, value validations inside <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>/<c>not</c>
/// carry no types, defaults or descriptions), and every <c>default</c> passes the schema of its node.
/// </summary>
public static class CrdSchemaChecks
{
    private static readonly string[] Junctors = ["allOf", "anyOf", "oneOf"];

    /// <summary>Adds a cause for every failed check of <paramref name="schema"/>, found at <paramref name="path"/>.</summary>
    public static void Check(JsonObject schema, string path, List<StatusCause> causes)
    {
        Visit(schema, path, Level.Root, causes);
    }

    private enum Level
    {
        Root,
        Field,
        Item,
    }

    private static void Visit(JsonObject schema, string path, Level level, List<StatusCause> causes)
    {
        var type = schema["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : "";
        var intOrString = IsTrue(schema["x-kubernetes-int-or-string"]);
        var embedded = IsTrue(schema["x-kubernetes-embedded-resource"]);
        var preserveUnknown = IsTrue(schema["x-kubernetes-preserve-unknown-fields"]);
        if (type.Length == 0 && !intOrString && !embedded && !(preserveUnknown && level != Level.Root))
        {
            causes.Add(new("FieldValueRequired", $"{path}.type", level switch
            {
                Level.Root => "Required value: must not be empty at the root",
                Level.Item => "Required value: must not be empty for specified array items",
                _ => "Required value: must not be empty for specified object fields",
            }));
        }

        if (level == Level.Root && type.Length > 0 && type != "object")
        {
            causes.Add(new("FieldValueInvalid", $"{path}.type", $"Invalid value: \"{type}\": must be object at the root"));
        }

        if (schema["x-kubernetes-preserve-unknown-fields"] is { } preserve && !IsTrue(preserve))
        {
            causes.Add(new("FieldValueInvalid", $"{path}.x-kubernetes-preserve-unknown-fields", "Invalid value: false: must be true or undefined"));
        }

        if (schema["properties"] is JsonObject && schema["additionalProperties"] is { } additional && !(additional is JsonValue && IsTrue(additional)))
        {
            causes.Add(new("FieldValueForbidden", $"{path}.additionalProperties", "Forbidden: additionalProperties and properties are mutual exclusive"));
        }

        if (type == "array" && schema["items"] is null)
        {
            causes.Add(new("FieldValueRequired", $"{path}.items", "Required value: must be specified"));
        }

        if (level == Level.Root && schema["properties"]?["metadata"] is JsonObject metadata && !IsNameOnlyMetadata(metadata))
        {
            causes.Add(new("FieldValueForbidden", $"{path}.properties[metadata]", "Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified"));
        }

        foreach (var junctor in Junctors)
        {
            for (var i = 0; schema[junctor] is JsonArray branches && i < branches.Count; i++)
            {
                if (branches[i] is JsonObject branch)
                {
                    CheckValueValidation(branch, $"{path}.{junctor}[{i}]", causes);
                }
            }
        }

        if (schema["not"] is JsonObject negated)
        {
            CheckValueValidation(negated, $"{path}.not", causes);
        }

        if (schema["default"] is { } defaultValue)
        {
            CheckDefault(defaultValue, schema, path, causes);
        }

        foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
        {
            if (property is JsonObject propertySchema && !(level == Level.Root && name == "metadata"))
            {
                Visit(propertySchema, $"{path}.properties[{name}]", Level.Field, causes);
            }
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            Visit(values, $"{path}.additionalProperties", Level.Field, causes);
        }

        if (schema["items"] is JsonObject items)
        {
            Visit(items, $"{path}.items", Level.Item, causes);
        }
    }

    /// <summary>A branch of a junctor may only validate values, not specify structure.</summary>
    private static void CheckValueValidation(JsonObject branch, string path, List<StatusCause> causes)
    {
        foreach (var field in new[] { "type", "default", "description", "nullable", "additionalProperties", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource", "x-kubernetes-int-or-string" })
        {
            if (branch[field] is not null)
            {
                causes.Add(new("FieldValueForbidden", $"{path}.{field}", "Forbidden: must be empty to be structural"));
            }
        }

        foreach (var (name, property) in branch["properties"] as JsonObject ?? [])
        {
            if (property is JsonObject propertySchema)
            {
                CheckValueValidation(propertySchema, $"{path}.properties[{name}]", causes);
            }
        }
    }

    /// <summary>A default must survive pruning unchanged and pass the schema of its node.</summary>
    private static void CheckDefault(JsonNode defaultValue, JsonObject schema, string path, List<StatusCause> causes)
    {
        var wrapper = new JsonObject { ["value"] = defaultValue.DeepClone() };
        var wrapperSchema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["value"] = schema.DeepClone() },
        };
        var outcome = SchemaValidator.Apply(wrapper, wrapperSchema);
        foreach (var pruned in outcome.PrunedFields)
        {
            causes.Add(new("FieldValueInvalid", $"{path}.default", $"Invalid value: {defaultValue.ToJsonString()}: must not have unknown fields, found {pruned["value".Length..].TrimStart('.')}"));
        }

        foreach (var cause in outcome.Causes)
        {
            causes.Add(cause with { Field = $"{path}.default{cause.Field["value".Length..]}" });
        }
    }

    private static bool IsNameOnlyMetadata(JsonObject metadata) =>
        metadata.All(p => p.Key is "type" or "properties" or "description") &&
        (metadata["properties"] as JsonObject ?? []).All(p => p.Key is "name" or "generateName");

    private static bool IsTrue(JsonNode? node) => node?.GetValueKind() == JsonValueKind.True;
}
