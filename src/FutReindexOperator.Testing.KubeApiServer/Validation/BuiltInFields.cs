using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Testing.KubeApiServer.Validation;

/// <summary>
/// The fields a built-in kind has, read from its KubernetesClient model (generated from the Kubernetes OpenAPI
/// documents): what the real server's strict decoding knows. Unknown fields are removed, as decoding into the Go
/// types drops them, and reported for <c>fieldValidation</c>.
/// </summary>
public static class BuiltInFields
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>?> FieldsByType = new();

    /// <summary>Removes the fields of <paramref name="value"/> that <paramref name="model"/> does not have.</summary>
    /// <returns>The paths of the removed fields as the real server names them, for example <c>spec.ports[0].typo</c>.</returns>
    public static IReadOnlyList<string> PruneUnknown(JsonObject value, Type model)
    {
        var unknown = new List<string>();
        Walk(value, model, "", unknown);
        return unknown;
    }

    private static void Walk(JsonNode? node, Type type, string path, List<string> unknown)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        switch (node)
        {
            case JsonObject map when DictionaryValueType(type) is { } valueType:
                foreach (var (key, child) in map)
                {
                    Walk(child, valueType, Join(path, key), unknown);
                }

                break;
            case JsonObject obj when Fields(type) is { } fields:
                foreach (var (key, child) in obj.ToList())
                {
                    if (fields.TryGetValue(key, out var fieldType))
                    {
                        Walk(child, fieldType, Join(path, key), unknown);
                    }
                    else
                    {
                        unknown.Add(Join(path, key));
                        obj.Remove(key);
                    }
                }

                break;
            case JsonArray array when ListItemType(type) is { } itemType:
                for (var index = 0; index < array.Count; index++)
                {
                    Walk(array[index], itemType, $"{path}[{index}]", unknown);
                }

                break;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The JSON fields of a model type, or null for values without fields (strings, quantities, int-or-string, any).</summary>
    private static IReadOnlyDictionary<string, Type>? Fields(Type type) => FieldsByType.GetOrAdd(type, static t =>
    {
        var fields = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p.PropertyType))
            .Where(p => p.Name is not null)
            .ToDictionary(p => p.Name!, p => p.PropertyType, StringComparer.Ordinal);
        return fields.Count > 0 ? fields : null;
    });

    private static Type? DictionaryValueType(Type type) =>
        GenericInterface(type, typeof(IDictionary<,>)) is { } dictionary && dictionary.GetGenericArguments()[0] == typeof(string)
            ? dictionary.GetGenericArguments()[1]
            : null;

    private static Type? ListItemType(Type type) =>
        type != typeof(string) && type != typeof(byte[]) && GenericInterface(type, typeof(IList<>)) is { } list ? list.GetGenericArguments()[0] : null;

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
