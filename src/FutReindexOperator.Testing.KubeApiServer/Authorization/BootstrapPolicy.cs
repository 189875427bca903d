using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Auth;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// The default ClusterRoles and ClusterRoleBindings kube-apiserver creates on start that matter here:
/// <c>cluster-admin</c> (bound to <c>system:masters</c>), <c>system:discovery</c> and <c>system:basic-user</c>
/// (every authenticated user may read discovery and OpenAPI and ask what it may do), <c>system:public-info-viewer</c>
/// (everyone, anonymous included, may read <c>/healthz</c>, <c>/livez</c>, <c>/readyz</c> and <c>/version</c>), and the
/// user-facing <c>admin</c>, <c>edit</c> and <c>view</c> roles, which aggregate the ClusterRoles labelled
/// <c>rbac.authorization.k8s.io/aggregate-to-admin|edit|view: "true"</c> (view into edit into admin, as there).
/// Unlike kube-apiserver's, <c>view</c>, <c>edit</c> and <c>admin</c> start with no rules of their own for built-in kinds.
/// </summary>
public static class BootstrapPolicy
{
    private const string AggregateTo = "rbac.authorization.k8s.io/aggregate-to-";

    public static IEnumerable<JsonObject> ClusterRoles()
    {
        yield return Role("cluster-admin", null,
            Rule(["*"], apiGroups: ["*"], resources: ["*"]),
            Rule(["*"], nonResourceUrls: ["*"]));
        yield return Role("system:discovery", null,
            Rule(["get"], nonResourceUrls: ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"]));
        yield return Role("system:public-info-viewer", null,
            Rule(["get"], nonResourceUrls: ["/healthz", "/livez", "/readyz", "/version", "/version/"]));
        yield return Role("system:basic-user", null,
            Rule(["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"]),
            Rule(["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]));
        yield return Aggregated("admin", "admin", null);
        yield return Aggregated("edit", "edit", "admin");
        yield return Aggregated("view", "view", "edit");
    }

    public static IEnumerable<JsonObject> ClusterRoleBindings()
    {
        yield return Binding("cluster-admin", UserInfo.Masters);
        yield return Binding("system:discovery", UserInfo.Authenticated);
        yield return Binding("system:basic-user", UserInfo.Authenticated);
        yield return Binding("system:public-info-viewer", UserInfo.Authenticated, UserInfo.Unauthenticated);
    }

    private static JsonObject Aggregated(string name, string selects, string? aggregatesInto)
    {
        var role = Role(name, aggregatesInto is null ? null : new JsonObject { [AggregateTo + aggregatesInto] = "true" });
        role["aggregationRule"] = new JsonObject
        {
            ["clusterRoleSelectors"] = new JsonArray(new JsonObject { ["matchLabels"] = new JsonObject { [AggregateTo + selects] = "true" } }),
        };
        return role;
    }

    private static JsonObject Role(string name, JsonObject? labels, params JsonObject[] rules)
    {
        var metadataLabels = labels ?? [];
        metadataLabels["kubernetes.io/bootstrapping"] = "rbac-defaults";
        return new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = Metadata(name, metadataLabels),
            ["rules"] = new JsonArray([.. rules]),
        };
    }

    private static JsonObject Binding(string name, params string[] groups) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = Metadata(name, new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" }),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = name },
        ["subjects"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = g })]),
    };

    private static JsonObject Metadata(string name, JsonObject labels) => new()
    {
        ["name"] = name,
        ["labels"] = labels,
        ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
    };

    private static JsonObject Rule(string[] verbs, string[]? apiGroups = null, string[]? resources = null, string[]? nonResourceUrls = null)
    {
        static JsonArray Strings(string[] values) => new([.. values.Select(v => (JsonNode)v)]);
        var rule = new JsonObject { ["verbs"] = Strings(verbs) };
        if (apiGroups is not null)
        {
            rule["apiGroups"] = Strings(apiGroups);
        }

        if (resources is not null)
        {
            rule["resources"] = Strings(resources);
        }

        if (nonResourceUrls is not null)
        {
            rule["nonResourceURLs"] = Strings(nonResourceUrls);
        }

        return rule;
    }
}
