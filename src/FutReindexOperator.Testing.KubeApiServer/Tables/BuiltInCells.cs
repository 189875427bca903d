using System.Globalization;
using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Tables;

/// <summary>
/// Cells the real server's table printers build from several fields of a built-in object; each returns what
/// kube-apiserver 1.33 shows in that column.
/// </summary>
public static class BuiltInCells
{
    /// <summary>A Deployment's READY: <c>status.readyReplicas/spec.replicas</c> (the server defaults replicas to 1).</summary>
    public static JsonNode? DeploymentReady(JsonObject deployment) =>
        JsonValue.Create(string.Create(
            CultureInfo.InvariantCulture,
            $"{Integer(deployment["status"]?["readyReplicas"])}/{Integer(deployment["spec"]?["replicas"], fallback: 1)}"));

    /// <summary>An integer status field (for example <c>updatedReplicas</c>), 0 when unset.</summary>
    public static Func<JsonObject, JsonNode?> StatusCount(string field) =>
        value => JsonValue.Create(Integer(value["status"]?[field]));

    /// <summary>The names (<c>name</c>) or images (<c>image</c>) of a pod template's containers, comma-separated.</summary>
    public static Func<JsonObject, JsonNode?> Containers(string field) =>
        value => JsonValue.Create(string.Join(",", ContainerList(value).Select(c => c?[field]?.ToString() ?? "")));

    /// <summary>A workload's <c>spec.selector</c> as a label selector string (<c>a=b,c in (d)</c>), keys sorted.</summary>
    public static JsonNode? Selector(JsonObject value)
    {
        var selector = value["spec"]?["selector"] as JsonObject;
        var requirements = new List<string>();
        foreach (var (key, label) in (selector?["matchLabels"] as JsonObject ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            requirements.Add($"{key}={label}");
        }

        foreach (var expression in (selector?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = expression["key"]?.ToString() ?? "";
            var values = string.Join(",", (expression["values"] as JsonArray ?? []).Select(v => v?.ToString()).Order(StringComparer.Ordinal));
            requirements.Add(expression["operator"]?.ToString() switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "DoesNotExist" => $"!{key}",
                _ => key,
            });
        }

        return JsonValue.Create(requirements.Count == 0 ? "<none>" : string.Join(",", requirements));
    }

    /// <summary>A field of a PodDisruptionBudget's spec (an integer or a percentage), or <c>N/A</c> when unset.</summary>
    public static Func<JsonObject, JsonNode?> SpecValueOrNotApplicable(string field) =>
        value => JsonValue.Create(value["spec"]?[field]?.ToString() ?? "N/A");

    /// <summary>A binding's ROLE: <c>roleRef.kind/roleRef.name</c>.</summary>
    public static JsonNode? RoleReference(JsonObject binding) =>
        JsonValue.Create($"{binding["roleRef"]?["kind"]}/{binding["roleRef"]?["name"]}");

    /// <summary>
    /// A binding's subjects of one kind, comma-separated as the real printer joins them (<c>", "</c>);
    /// ServiceAccounts are shown as <c>namespace/name</c>.
    /// </summary>
    public static Func<JsonObject, JsonNode?> Subjects(string kind) =>
        binding => JsonValue.Create(string.Join(", ", (binding["subjects"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(subject => subject["kind"]?.ToString() == kind)
            .Select(subject => kind == "ServiceAccount"
                ? $"{subject["namespace"]}/{subject["name"]}"
                : subject["name"]?.ToString() ?? "")));

    private static JsonArray ContainerList(JsonObject value) =>
        value["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [];

    private static long Integer(JsonNode? node, long fallback = 0) =>
        node is JsonValue number && number.TryGetValue<long>(out var result) ? result : fallback;
}
