using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Resources;

/// <summary>
/// ServiceAccounts, Deployments, PodDisruptionBudgets and the RBAC kinds are stored built-ins: served, listed and
/// watched like the others, with no controller acting on them.
/// </summary>
public sealed class WorkloadAndRbacKindsTests : ServerFixture
{
    protected override bool InstallWidgets => false;

    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";
    private const string ClusterRoles = "/apis/rbac.authorization.k8s.io/v1/clusterroles";

    private static JsonObject Deployment(string name, int replicas, string tier) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["tier"] = tier } },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox:1" }) },
            },
        },
    };

    [Test, CancelAfter(20_000)]
    public async Task Discovery_lists_the_kinds_with_their_scope_and_short_names(CancellationToken ct)
    {
        var core = await Http.GetAsync("/api/v1", ct);
        var apps = await Http.GetAsync("/apis/apps/v1", ct);
        var policy = await Http.GetAsync("/apis/policy/v1", ct);
        var rbac = await Http.GetAsync("/apis/rbac.authorization.k8s.io/v1", ct);

        JsonObject Resource(ApiResponse list, string name) =>
            list.Body["resources"]!.AsArray().OfType<JsonObject>().Single(r => r["name"]!.GetValue<string>() == name);
        Resource(core, "serviceaccounts")["shortNames"]![0]!.GetValue<string>().Should().Be("sa");
        Resource(apps, "deployments")["shortNames"]![0]!.GetValue<string>().Should().Be("deploy");
        Resource(apps, "deployments/status")["kind"]!.GetValue<string>().Should().Be("Deployment");
        Resource(policy, "poddisruptionbudgets")["shortNames"]![0]!.GetValue<string>().Should().Be("pdb");
        Resource(rbac, "roles")["namespaced"]!.GetValue<bool>().Should().BeTrue();
        Resource(rbac, "rolebindings")["namespaced"]!.GetValue<bool>().Should().BeTrue();
        Resource(rbac, "clusterroles")["namespaced"]!.GetValue<bool>().Should().BeFalse();
        Resource(rbac, "clusterrolebindings")["namespaced"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test, CancelAfter(20_000)]
    public async Task A_Deployment_is_stored_as_given_and_nothing_acts_on_it(CancellationToken ct)
    {
        var name = UniqueName("d");
        var created = await Http.PostAsync(Deployments, Deployment(name, 2, "web"), ct);

        var read = await Http.GetAsync($"{Deployments}/{name}", ct);

        created.Status.Should().Be(201, created.ToString());
        read.Body["spec"]!["replicas"]!.GetValue<int>().Should().Be(2);
        read.Body["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
        read.Body["status"].Should().BeNull("no controller reports replicas");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_Deployments_generation_follows_spec_changes_and_its_status_changes_only_through_the_status_subresource(CancellationToken ct)
    {
        var name = UniqueName("d");
        await Http.PostAsync(Deployments, Deployment(name, 1, "web"), ct);

        var scaled = await Http.PatchAsync($"{Deployments}/{name}", """{"spec":{"replicas":3},"status":{"readyReplicas":3}}""", "application/merge-patch+json", ct);
        var labelled = await Http.PatchAsync($"{Deployments}/{name}", """{"metadata":{"labels":{"x":"y"}}}""", "application/merge-patch+json", ct);
        var status = await Http.PatchAsync($"{Deployments}/{name}/status", """{"status":{"readyReplicas":3}}""", "application/merge-patch+json", ct);

        scaled.Body["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);
        scaled.Body["status"].Should().BeNull("the main endpoint ignores status");
        labelled.Body["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);
        status.Body["status"]!["readyReplicas"]!.GetValue<int>().Should().Be(3);
    }

    [Test, CancelAfter(20_000)]
    public async Task Deployments_are_listed_with_label_selectors(CancellationToken ct)
    {
        var web = UniqueName("d");
        var batch = UniqueName("d");
        await Http.PostAsync(Deployments, Deployment(web, 1, "web"), ct);
        await Http.PostAsync(Deployments, Deployment(batch, 1, "batch"), ct);

        var listed = await Http.GetAsync($"{Deployments}?labelSelector=tier%3Dbatch", ct);

        listed.Body["kind"]!.GetValue<string>().Should().Be("DeploymentList");
        listed.Body["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Should().Contain(batch).And.NotContain(web);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_ClusterRole_is_cluster_scoped_and_watched_like_other_objects(CancellationToken ct)
    {
        var name = UniqueName("cr");
        var role = new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["rules"] = new JsonArray(new JsonObject
            {
                ["apiGroups"] = new JsonArray(""),
                ["resources"] = new JsonArray("secrets"),
                ["verbs"] = new JsonArray("get"),
            }),
        };
        var version = (await Http.GetAsync(ClusterRoles, ct)).Body["metadata"]!["resourceVersion"]!.GetValue<string>();
        await using var watch = await WatchReader.OpenAsync(Http.Client, $"{ClusterRoles}?watch=true&resourceVersion={version}", ct);

        var created = await Http.PostAsync(ClusterRoles, role, ct);
        var added = await watch.NextMatchingAsync(e => e["object"]!["metadata"]!["name"]!.GetValue<string>() == name, ct);
        var namespacedPath = await Http.GetAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/default/clusterroles/{name}", ct);

        created.Body["metadata"]!["namespace"].Should().BeNull();
        added["type"]!.GetValue<string>().Should().Be("ADDED");
        added["object"]!["rules"]![0]!["verbs"]![0]!.GetValue<string>().Should().Be("get");
        namespacedPath.Status.Should().Be(404);
    }
}
