using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>Small rules about object metadata the real server enforces.</summary>
public static partial class ObjectRules
{
    /// <summary>Whether <paramref name="name"/> is a lowercase RFC 1123 subdomain.</summary>
    public static bool IsDnsSubdomain(string name) => name.Length <= 253 && DnsSubdomain().IsMatch(name);

    /// <summary>The object without metadata and status, for deciding whether generation changes.</summary>
    public static JsonObject SpecPart(JsonObject value)
    {
        var copy = new JsonObject();
        foreach (var (name, child) in value)
        {
            if (name is not ("metadata" or "status" or "apiVersion" or "kind"))
            {
                copy[name] = child?.DeepClone();
            }
        }

        return copy;
    }

    /// <summary>Whether two objects differ in anything but resourceVersion and managedFields.</summary>
    public static bool SameContent(JsonObject a, JsonObject b) => JsonNode.DeepEquals(Comparable(a), Comparable(b));

    public static IReadOnlyList<string> Finalizers(JsonObject value) =>
        value["metadata"]?["finalizers"] is JsonArray finalizers
            ? finalizers.Select(f => f?.GetValue<string>() ?? "").ToList()
            : [];

    private static JsonObject Comparable(JsonObject value)
    {
        var copy = (JsonObject)value.DeepClone();
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
        }

        return copy;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
