using System.Text.Json.Nodes;

namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>One (API group, resource, verb) a Role grants, optionally limited to named objects.</summary>
internal sealed record RbacRule(string ApiGroup, string Resource, string Verb, string ResourceNames)
{
    /// <summary>Every grant of a Role or ClusterRole, one per group, resource and verb.</summary>
    public static IReadOnlyList<RbacRule> Of(JsonObject role) =>
    [
        .. role["rules"]!.AsArray().Select(rule => rule!.AsObject()).SelectMany(rule =>
            from apiGroup in rule["apiGroups"].Strings()
            from resource in rule["resources"].Strings()
            from verb in rule["verbs"].Strings()
            select new RbacRule(apiGroup, resource, verb, string.Join(',', rule["resourceNames"].Strings()))),
    ];
}
