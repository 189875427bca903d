using System.Text.Json.Nodes;

namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>Lookups in a list of rendered Kubernetes objects.</summary>
internal static class KubernetesManifests
{
    public static IEnumerable<JsonObject> OfKind(this IEnumerable<JsonObject> objects, string kind) =>
        objects.Where(item => (string?)item["kind"] == kind);

    public static JsonObject Single(this IEnumerable<JsonObject> objects, string kind) => objects.OfKind(kind).Should().ContainSingle($"one {kind}").Subject;

    public static string Name(this JsonObject item) => (string)item["metadata"]!["name"]!;

    public static string? Namespace(this JsonObject item) => (string?)item["metadata"]!["namespace"];

    public static JsonObject PodSpec(this JsonObject workload) => workload["spec"]!["template"]!["spec"]!.AsObject();

    public static JsonObject Container(this JsonObject workload, string name) =>
        workload.PodSpec()["containers"]!.AsArray().Select(container => container!.AsObject())
            .Should().ContainSingle(container => (string?)container["name"] == name).Subject;

    /// <summary>The literal environment variables of a container (those from valueFrom map to null).</summary>
    public static IReadOnlyDictionary<string, string?> Environment(this JsonObject container) =>
        (container["env"]?.AsArray() ?? []).Select(variable => variable!.AsObject())
            .ToDictionary(variable => (string)variable["name"]!, variable => variable["value"]?.ToString());

    public static IReadOnlyList<string> Strings(this JsonNode? node) =>
        node is null ? [] : [.. node.AsArray().Select(item => item!.ToString())];
}
