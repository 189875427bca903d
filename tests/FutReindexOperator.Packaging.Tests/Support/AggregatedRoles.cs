using System.Text.Json.Nodes;

namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>
/// The ClusterRoles that fold ReindexJob and ReindexPlan access into the built-in view, edit and admin roles, as kubebuilder and
/// cert-manager ship them: view reads; edit and admin also create, change and delete; nobody but the operator writes status.
/// </summary>
internal static class AggregatedRoles
{
    private const string LabelPrefix = "rbac.authorization.k8s.io/aggregate-to-";

    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "update", "patch", "delete", "deletecollection"];

    /// <summary>(built-in role, resource, verb) for every grant, as the expected set.</summary>
    public static IReadOnlyList<(string Role, string Resource, string Verb)> Expected { get; } =
    [
        .. from role in new[] { "view", "edit", "admin" }
           from resource in new[] { "reindexjobs", "reindexjobs/status", "reindexplans", "reindexplans/status" }
           from verb in role == "view" || resource.EndsWith("/status", StringComparison.Ordinal) ? Read : [.. Read, .. Write]
           select (role, resource, verb),
    ];

    public static bool IsAggregated(JsonObject role) =>
        role["metadata"]!["labels"]?.AsObject().Any(label => label.Key.StartsWith(LabelPrefix, StringComparison.Ordinal)) == true;

    /// <summary>What each aggregated ClusterRole of <paramref name="objects"/> grants, by the built-in role its label names.</summary>
    public static IReadOnlyList<(string Role, string Resource, string Verb)> Grants(IEnumerable<JsonObject> objects) =>
    [
        .. from role in objects.OfKind("ClusterRole").Where(IsAggregated)
           from label in role["metadata"]!["labels"]!.AsObject()
           where label.Key.StartsWith(LabelPrefix, StringComparison.Ordinal) && label.Value!.ToString() == "true"
           from grant in RbacRule.Of(role)
           where grant.ApiGroup == "fhir.fut.dk"
           select (label.Key[LabelPrefix.Length..], grant.Resource, grant.Verb),
    ];
}
