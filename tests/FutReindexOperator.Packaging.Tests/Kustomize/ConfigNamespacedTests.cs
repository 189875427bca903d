using System.Text.Json.Nodes;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Kustomize;

/// <summary>What <c>kubectl kustomize config/namespaced</c> renders: the operator limited to the namespace "fhir".</summary>
public sealed class ConfigNamespacedTests
{
    private const string WatchedNamespace = "fhir";
    private IReadOnlyList<JsonObject> _objects = [];

    [OneTimeSetUp]
    public async Task RenderAsync() => _objects = await Support.Kustomize.RenderAsync("config/namespaced", CancellationToken.None);

    [Test]
    public void No_cluster_wide_permission_is_granted()
    {
        _objects.OfKind("ClusterRole").Should().OnlyContain(role => AggregatedRoles.IsAggregated(role), "only the user roles folded into view, edit and admin are cluster-scoped");
        _objects.OfKind("ClusterRoleBinding").Should().BeEmpty();
    }

    [Test]
    public void People_with_view_edit_or_admin_in_the_watched_namespace_get_ReindexJob_access()
    {
        AggregatedRoles.Grants(_objects).Should().BeEquivalentTo(AggregatedRoles.Expected);
    }

    [Test]
    public void The_watched_namespace_gets_the_ClusterRoles_rules()
    {
        var role = _objects.OfKind("Role").Should().ContainSingle(item => item.Namespace() == WatchedNamespace).Subject;

        RbacRule.Of(role).Should().BeEquivalentTo(RbacRule.Of(YamlDocuments.Parse(RepositoryRoot.ReadText("config/rbac/cluster/role.yaml"))),
            "the namespaced Role grants what the ClusterRole grants; the in-process tests run the operator under both (OperatorRbacTests)");
        _objects.OfKind("RoleBinding").Should().ContainSingle(binding =>
            binding.Namespace() == WatchedNamespace && (string?)binding["roleRef"]!["name"] == role.Name());
    }

    [Test]
    public void The_operator_watches_only_that_namespace()
    {
        var environment = _objects.Single("Deployment").Container("manager").Environment();

        environment.Should().Contain("OperatorRuntime__Namespaces__0", WatchedNamespace);
        environment.Keys.Should().NotContain("OperatorRuntime__Namespaces__1");
    }

    [Test]
    public void The_leader_election_Role_stays_in_the_operators_namespace()
    {
        var deployment = _objects.Single("Deployment");

        _objects.OfKind("Role").Should().ContainSingle(role =>
            role.Namespace() == deployment.Namespace() && RbacRule.Of(role).All(grant => grant.Resource == "leases"));
    }
}
