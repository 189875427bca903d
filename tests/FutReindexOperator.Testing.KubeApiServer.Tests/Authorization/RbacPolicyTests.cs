using FutReindexOperator.Testing.KubeApiServer.Auth;
using FutReindexOperator.Testing.KubeApiServer.Authorization;
using k8s.Models;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Authorization;

public sealed class RbacPolicyTests
{
    private static readonly UserInfo Operator = UserInfo.ServiceAccount("fut-reindex-operator", "fut-reindex-operator");
    private static readonly V1PolicyRule ReadJobs = new() { Verbs = ["get", "list", "watch"], ApiGroups = ["fhir.fut.dk"], Resources = ["reindexjobs"] };

    private static RequestAttributes ListJobs(UserInfo user, string ns) =>
        new(user, "list", true, "") { ApiGroup = "fhir.fut.dk", Resource = "reindexjobs", Namespace = ns };

    private static V1ClusterRole ClusterRole(string name, IDictionary<string, string>? labels = null, V1AggregationRule? aggregation = null, params V1PolicyRule[] rules) =>
        new() { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Rules = rules, AggregationRule = aggregation };

    private static Rbacv1Subject ServiceAccount(string name, string? ns) => new() { Kind = "ServiceAccount", Name = name, NamespaceProperty = ns };

    private static V1ClusterRoleBinding ClusterBinding(string name, string role, params Rbacv1Subject[] subjects) =>
        new() { Metadata = new V1ObjectMeta { Name = name }, RoleRef = new V1RoleRef { ApiGroup = RbacNames.Group, Kind = "ClusterRole", Name = role }, Subjects = subjects };

    private static V1RoleBinding Binding(string ns, string name, string kind, string role, params Rbacv1Subject[] subjects) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, RoleRef = new V1RoleRef { ApiGroup = RbacNames.Group, Kind = kind, Name = role }, Subjects = subjects };

    [Test]
    public void A_cluster_role_binding_grants_in_every_namespace_and_names_itself_as_the_reason()
    {
        var policy = new RbacPolicy(
            [ClusterRole("reader", rules: ReadJobs)], [],
            [ClusterBinding("reader-binding", "reader", ServiceAccount("fut-reindex-operator", "fut-reindex-operator"))], []);

        var decision = policy.Authorize(ListJobs(Operator, "anywhere"));

        decision.Should().Be(new AuthorizationDecision(true,
            "RBAC: allowed by ClusterRoleBinding \"reader-binding\" of ClusterRole \"reader\" to ServiceAccount \"fut-reindex-operator/fut-reindex-operator\""));
    }

    [Test]
    public void A_role_binding_to_a_cluster_role_grants_in_its_namespace_only()
    {
        var policy = new RbacPolicy([ClusterRole("reader", rules: ReadJobs)], [], [], [Binding("fhir", "reader", "ClusterRole", "reader", ServiceAccount("fut-reindex-operator", "fut-reindex-operator"))]);

        policy.Authorize(ListJobs(Operator, "fhir")).Allowed.Should().BeTrue();
        policy.Authorize(ListJobs(Operator, "other")).Allowed.Should().BeFalse();
        policy.Authorize(ListJobs(Operator, "")).Allowed.Should().BeFalse("a list across all namespaces needs a cluster-wide grant");
    }

    [Test]
    public void A_service_account_subject_without_namespace_means_the_bindings_namespace()
    {
        var role = new V1Role { Metadata = new V1ObjectMeta { Name = "reader", NamespaceProperty = "fut" }, Rules = [ReadJobs] };
        var policy = new RbacPolicy([], [role], [], [Binding("fut", "reader", "Role", "reader", ServiceAccount("worker", null))]);

        policy.Authorize(ListJobs(UserInfo.ServiceAccount("fut", "worker"), "fut")).Allowed.Should().BeTrue();
        policy.Authorize(ListJobs(UserInfo.ServiceAccount("elsewhere", "worker"), "fut")).Allowed.Should().BeFalse();
    }

    [Test]
    public void Groups_and_users_are_matched_by_name()
    {
        var policy = new RbacPolicy([ClusterRole("reader", rules: ReadJobs)], [],
        [
            ClusterBinding("by-group", "reader", new Rbacv1Subject { Kind = "Group", Name = "auditors" }),
            ClusterBinding("by-user", "reader", new Rbacv1Subject { Kind = "User", Name = "alice" }),
        ], []);

        policy.Authorize(ListJobs(UserInfo.User("bob", "auditors"), "fut")).Allowed.Should().BeTrue();
        policy.Authorize(ListJobs(UserInfo.User("alice"), "fut")).Allowed.Should().BeTrue();
        policy.Authorize(ListJobs(UserInfo.User("mallory", "alice"), "fut")).Allowed.Should().BeFalse();
    }

    [Test]
    public void A_binding_to_a_missing_role_grants_nothing_and_is_the_reason()
    {
        var policy = new RbacPolicy([], [], [ClusterBinding("dangling", "gone", ServiceAccount("fut-reindex-operator", "fut-reindex-operator"))], []);

        policy.Authorize(ListJobs(Operator, "fut")).Should().Be(new AuthorizationDecision(false, "RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found"));
    }

    [Test]
    public void An_aggregated_role_has_the_rules_of_the_roles_its_selectors_match_transitively()
    {
        var toView = new Dictionary<string, string> { ["rbac.authorization.k8s.io/aggregate-to-view"] = "true" };
        var toEdit = new Dictionary<string, string> { ["rbac.authorization.k8s.io/aggregate-to-edit"] = "true" };
        static V1AggregationRule Selecting(string label) =>
            new() { ClusterRoleSelectors = [new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [label] = "true" } }] };
        var policy = new RbacPolicy(
        [
            ClusterRole("view", toEdit, Selecting("rbac.authorization.k8s.io/aggregate-to-view")),
            ClusterRole("edit", aggregation: Selecting("rbac.authorization.k8s.io/aggregate-to-edit")),
            ClusterRole("reindexjobs-view", toView, rules: ReadJobs),
            ClusterRole("unlabelled", rules: new V1PolicyRule { Verbs = ["*"], ApiGroups = ["*"], Resources = ["*"] }),
        ], [], [ClusterBinding("editors", "edit", new Rbacv1Subject { Kind = "Group", Name = "editors" })], []);

        policy.ClusterRoleRules("view").Should().BeEquivalentTo([ReadJobs]);
        policy.Authorize(ListJobs(UserInfo.User("eve", "editors"), "fut")).Allowed.Should().BeTrue();
        policy.Authorize(new RequestAttributes(UserInfo.User("eve", "editors"), "delete", true, "") { Resource = "secrets", Namespace = "fut" }).Allowed.Should().BeFalse();
    }
}
