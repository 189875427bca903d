using System.Globalization;
using System.Text.Json.Nodes;
using Cel;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Cel;

/// <summary>
/// Evaluates a custom resource against its compiled <c>x-kubernetes-validations</c> rules as kube-apiserver
/// does on create, update and status writes: each rule runs where its schema node has a value, with
/// <c>self</c> bound to that value; a transition rule (one that reads <c>oldSelf</c>) runs only when the old
/// object has a value at the same place (object properties and map values correlate; list items do not);
/// and, as validation ratcheting does, a rule without <c>oldSelf</c> is not held against a value that an
/// update left unchanged.
/// </summary>
internal static class RuleEvaluator
{
    private const string BlockedMessage =
        "Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";

    /// <summary>Adds a cause for every failing rule to <paramref name="causes"/> (schema failures already there come first).</summary>
    /// <param name="rules">The version's compiled rules.</param>
    /// <param name="value">The object as it would be stored (pruned and defaulted).</param>
    /// <param name="old">The stored object on update; null on create.</param>
    /// <param name="causes">The schema validation's causes; a type or enum failure there blocks the rules, as in kube-apiserver.</param>
    public static void Validate(SchemaRules rules, JsonObject value, JsonObject? old, List<StatusCause> causes)
    {
        if (causes.Any(c => c.Reason is "FieldValueTypeInvalid" or "FieldValueNotSupported"))
        {
            causes.Add(new("FieldValueInvalid", "<nil>", BlockedMessage));
            return;
        }

        Visit(rules, RootView(value), old is null ? null : RootView(old), "", causes);
    }

    /// <summary>At the root, <c>self.metadata</c> holds only name and generateName, as in kube-apiserver.</summary>
    private static JsonObject RootView(JsonObject value)
    {
        var view = (JsonObject)value.DeepClone();
        if (view["metadata"] is JsonObject metadata)
        {
            view["metadata"] = new JsonObject(metadata.Where(p => p.Key is "name" or "generateName").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        }

        return view;
    }

    private static void Visit(SchemaRules rules, JsonNode? node, JsonNode? old, string path, List<StatusCause> causes)
    {
        if (node is null)
        {
            return;
        }

        foreach (var rule in rules.Rules)
        {
            Evaluate(rule, rules, node, old, path, causes);
        }

        if (node is JsonObject obj)
        {
            foreach (var (name, child) in rules.Properties)
            {
                if (obj.TryGetPropertyValue(name, out var childValue))
                {
                    Visit(child, childValue, (old as JsonObject)?[name], Join(path, name), causes);
                }
            }

            if (rules.AdditionalProperties is { } values)
            {
                foreach (var (key, childValue) in obj.Where(p => !rules.Properties.ContainsKey(p.Key)).ToList())
                {
                    Visit(values, childValue, (old as JsonObject)?[key], $"{path}[{key}]", causes);
                }
            }
        }

        if (node is JsonArray array && rules.Items is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Visit(items, array[i], null, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), causes);
            }
        }
    }

    private static void Evaluate(ValidationRule rule, SchemaRules rules, JsonNode node, JsonNode? old, string path, List<StatusCause> causes)
    {
        var type = rules.Type;
        if (rule.IsTransition ? old is null : old is not null && JsonNode.DeepEquals(node, old))
        {
            return;
        }

        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["self"] = CelValues.From(node, rules.Schema) };
        if (old is not null)
        {
            variables["oldSelf"] = CelValues.From(old, rules.Schema);
        }

        var field = path.Length == 0 ? "<nil>" : path;
        object? result;
        try
        {
            result = rule.Program.Invoke(variables);
        }
        catch (Exception e) when (e is CelException or InvalidCastException or ArgumentException or IndexOutOfRangeException)
        {
            causes.Add(new("FieldValueInvalid", field, $"Invalid value: \"{type}\": {Describe(e)} evaluating rule: {rule.Rule.Trim()}"));
            return;
        }

        if (result is true)
        {
            return;
        }

        if (result is not false)
        {
            var problem = result?.GetType().Name == "CelNoSuchField" ? "no such key" : $"rule evaluated to {result ?? "null"}, not a bool";
            causes.Add(new("FieldValueInvalid", field, $"Invalid value: \"{type}\": {problem} evaluating rule: {rule.Rule.Trim()}"));
            return;
        }

        var failedField = rule.FieldPath.Length == 0 ? field : (path + rule.FieldPath).TrimStart('.');
        var message = Message(rule, variables);
        causes.Add(rule.Reason switch
        {
            "FieldValueForbidden" => new("FieldValueForbidden", failedField, $"Forbidden: {message}"),
            "FieldValueRequired" => new("FieldValueRequired", failedField, $"Required value: {message}"),
            "FieldValueDuplicate" => new("FieldValueDuplicate", failedField, $"Duplicate value: \"{type}\""),
            _ => new("FieldValueInvalid", failedField, $"Invalid value: \"{type}\": {message}"),
        });
    }

    /// <summary>The message expression's result when it gives a one-line, non-blank string; else the rule's message.</summary>
    private static string Message(ValidationRule rule, Dictionary<string, object?> variables)
    {
        if (rule.MessageProgram is null)
        {
            return rule.DefaultMessage;
        }

        try
        {
            return rule.MessageProgram.Invoke(variables) is string text && text.Trim().Length > 0 && !text.Contains('\n', StringComparison.Ordinal)
                ? text
                : rule.DefaultMessage;
        }
        catch (Exception e) when (e is CelException or InvalidCastException or ArgumentException or IndexOutOfRangeException)
        {
            return rule.DefaultMessage;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        CelDivideByZeroException => "division by zero",
        CelModulusByZeroException => "modulus by zero",
        CelOverflowException => "integer overflow",
        CelArgumentRangeException => "index out of bounds",
        CelNoSuchFieldException => "no such key",
        CelNoSuchOverloadException => $"no such overload: {e.Message}",
        _ => e.Message,
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
