using System.Text.Json;
using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Storage;

/// <summary>An immutable stored object: safe to read from any thread, copied before any change.</summary>
public sealed class StoredObject
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    public StoredObject(string storageKey, JsonObject value, long resourceVersion)
    {
        StorageKey = storageKey;
        ResourceVersion = resourceVersion;
        Json = JsonSerializer.SerializeToElement(value);
        var metadata = value["metadata"] as JsonObject;
        Namespace = metadata?["namespace"]?.GetValue<string>() ?? "";
        Name = metadata?["name"]?.GetValue<string>() ?? "";
        Uid = metadata?["uid"]?.GetValue<string>() ?? "";
        Labels = metadata?["labels"] is JsonObject labels
            ? labels.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal)
            : NoLabels;
    }

    public string StorageKey { get; }

    public string Namespace { get; }

    public string Name { get; }

    public string Uid { get; }

    /// <summary>The resource version this state was written at.</summary>
    public long ResourceVersion { get; }

    public JsonElement Json { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The key objects are ordered by in lists: namespace, then name.</summary>
    public string Key => KeyOf(Namespace, Name);

    public static string KeyOf(string ns, string name) => ns + "/" + name;

    /// <summary>A mutable copy of the object.</summary>
    public JsonObject ToNode() => JsonSerializer.Deserialize<JsonObject>(Json)!;
}
