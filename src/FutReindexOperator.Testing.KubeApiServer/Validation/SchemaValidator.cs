using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Validation;

/// <summary>
/// Applies a CRD's structural <c>openAPIV3Schema</c> to an object the way the real server does, in its order:
/// prune unknown fields, apply defaults, then validate types, required, enum, pattern, bounds, lengths,
/// item counts and the date-time format. <c>x-kubernetes-validations</c> (CEL) rules are not evaluated.
/// </summary>
public static class SchemaValidator
{
    /// <summary>Prunes, defaults and validates <paramref name="value"/> in place.</summary>
    /// <returns>The validation failures (empty when valid) and the paths of the pruned unknown fields.</returns>
    public static SchemaOutcome Apply(JsonObject value, JsonObject schema)
    {
        var outcome = new SchemaOutcome();
        Visit(value, schema, "", outcome, root: true);
        return outcome;
    }

    private static void Visit(JsonNode? node, JsonObject schema, string path, SchemaOutcome outcome, bool root = false)
    {
        if (node is null)
        {
            return;
        }

        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            if (!IsKind(node, JsonValueKind.String) && !IsInteger(node))
            {
                outcome.Causes.Add(new("FieldValueTypeInvalid", path, $"Invalid value: {Show(node)}: {path} in body must be of type integer-or-string: {Show(node)}"));
            }

            return;
        }

        var type = schema["type"]?.GetValue<string>();
        if (type is not null && !HasType(node, type))
        {
            outcome.Causes.Add(new("FieldValueTypeInvalid", path, $"Invalid value: {Show(node)}: {path} in body must be of type {type}: {Show(node)}"));
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                VisitObject(obj, schema, path, outcome, root);
                break;
            case JsonArray array:
                VisitArray(array, schema, path, outcome);
                break;
            default:
                VisitScalar(node, schema, path, outcome);
                break;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            var supported = string.Join(", ", allowed.Select(Show));
            outcome.Causes.Add(new("FieldValueNotSupported", path, $"Unsupported value: {Show(node)}: supported values: {supported}"));
        }
    }

    private static void VisitObject(JsonObject obj, JsonObject schema, string path, SchemaOutcome outcome, bool root)
    {
        var properties = schema["properties"] as JsonObject;
        var preserveUnknown = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        var embedded = root || schema["x-kubernetes-embedded-resource"]?.GetValue<bool>() == true;
        var additional = schema["additionalProperties"];

        if (properties is not null)
        {
            foreach (var (name, propertySchema) in properties)
            {
                if (!obj.ContainsKey(name) && propertySchema?["default"] is { } defaultValue)
                {
                    obj[name] = defaultValue.DeepClone();
                }
            }
        }

        foreach (var name in obj.Select(p => p.Key).ToList())
        {
            var childPath = Join(path, name);
            if (embedded && name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (properties?[name] is JsonObject childSchema)
            {
                Visit(obj[name], childSchema, childPath, outcome);
            }
            else if (additional is JsonObject valueSchema)
            {
                Visit(obj[name], valueSchema, childPath, outcome);
            }
            else if (!preserveUnknown && additional?.GetValueKind() != JsonValueKind.True)
            {
                obj.Remove(name);
                outcome.PrunedFields.Add(childPath);
            }
        }

        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r?.GetValue<string>()).OfType<string>())
            {
                if (!obj.ContainsKey(name))
                {
                    outcome.Causes.Add(new("FieldValueRequired", Join(path, name), "Required value"));
                }
            }
        }
    }

    private static void VisitArray(JsonArray array, JsonObject schema, string path, SchemaOutcome outcome)
    {
        if (schema["minItems"] is { } minItems && array.Count < Number(minItems))
        {
            outcome.Causes.Add(new("FieldValueInvalid", path, $"Invalid value: {array.Count}: {path} in body should have at least {minItems} items"));
        }

        if (schema["maxItems"] is { } maxItems && array.Count > Number(maxItems))
        {
            outcome.Causes.Add(new("FieldValueTooMany", path, $"Too many: {array.Count}: must have at most {maxItems} items"));
        }

        if (schema["items"] is JsonObject itemSchema)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Visit(array[i], itemSchema, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), outcome);
            }
        }
    }

    private static void VisitScalar(JsonNode node, JsonObject schema, string path, SchemaOutcome outcome)
    {
        if (IsKind(node, JsonValueKind.String))
        {
            var text = node.GetValue<string>();
            if (schema["minLength"] is { } minLength && text.Length < Number(minLength))
            {
                outcome.Causes.Add(new("FieldValueInvalid", path, $"Invalid value: {Show(node)}: {path} in body should be at least {minLength} chars long"));
            }

            if (schema["maxLength"] is { } maxLength && text.Length > Number(maxLength))
            {
                outcome.Causes.Add(new("FieldValueTooLong", path, $"Too long: may not be more than {maxLength} bytes"));
            }

            if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                outcome.Causes.Add(new("FieldValueInvalid", path, $"Invalid value: {Show(node)}: {path} in body should match '{pattern}'"));
            }

            if (schema["format"]?.GetValue<string>() == "date-time" &&
                !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            {
                outcome.Causes.Add(new("FieldValueInvalid", path, $"Invalid value: {Show(node)}: {path} in body must be of type date-time: {Show(node)}"));
            }
        }
        else if (IsKind(node, JsonValueKind.Number))
        {
            var number = Number(node);
            var exclusiveMinimum = schema["exclusiveMinimum"]?.GetValue<bool>() == true;
            var exclusiveMaximum = schema["exclusiveMaximum"]?.GetValue<bool>() == true;
            if (schema["minimum"] is { } minimum && (exclusiveMinimum ? number <= Number(minimum) : number < Number(minimum)))
            {
                var relation = exclusiveMinimum ? "greater than" : "greater than or equal to";
                outcome.Causes.Add(new("FieldValueInvalid", path, $"Invalid value: {Show(node)}: {path} in body should be {relation} {minimum.ToJsonString()}"));
            }

            if (schema["maximum"] is { } maximum && (exclusiveMaximum ? number >= Number(maximum) : number > Number(maximum)))
            {
                var relation = exclusiveMaximum ? "less than" : "less than or equal to";
                outcome.Causes.Add(new("FieldValueInvalid", path, $"Invalid value: {Show(node)}: {path} in body should be {relation} {maximum.ToJsonString()}"));
            }
        }
    }

    private static bool HasType(JsonNode node, string type) => type switch
    {
        "object" => node is JsonObject,
        "array" => node is JsonArray,
        "string" => IsKind(node, JsonValueKind.String),
        "boolean" => IsKind(node, JsonValueKind.True) || IsKind(node, JsonValueKind.False),
        "integer" => IsInteger(node),
        "number" => IsKind(node, JsonValueKind.Number),
        _ => true,
    };

    private static bool IsKind(JsonNode node, JsonValueKind kind) => node is JsonValue && node.GetValueKind() == kind;

    private static bool IsInteger(JsonNode node) =>
        IsKind(node, JsonValueKind.Number) && double.IsInteger(Number(node));

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";

    /// <summary>Throws the 422 <c>Invalid</c> failure for the outcome's causes, if there are any.</summary>
    public static void ThrowIfInvalid(SchemaOutcome outcome, Resources.ResourceDefinition definition, string name)
    {
        if (outcome.Causes.Count > 0)
        {
            throw StatusObjects.Invalid(definition, name, outcome.Causes);
        }
    }
}
