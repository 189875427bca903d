using FutReindexOperator.Testing.KubeApiServer.Auth;
using FutReindexOperator.Testing.KubeApiServer.Authorization;
using k8s.Models;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Authorization;

public sealed class PolicyRulesTests
{
    private static readonly UserInfo Someone = UserInfo.User("someone");

    private static RequestAttributes Resource(string verb, string group, string resource, string subresource = "", string name = "", string ns = "fut") =>
        new(Someone, verb, true, "") { ApiGroup = group, Resource = resource, Subresource = subresource, Name = name, Namespace = ns };

    private static V1PolicyRule Rule(string[] verbs, string[] groups, string[] resources, string[]? names = null) =>
        new() { Verbs = verbs, ApiGroups = groups, Resources = resources, ResourceNames = names };

    [TestCase("get", true)]
    [TestCase("list", true)]
    [TestCase("watch", false)]
    [TestCase("deletecollection", false)]
    public void A_rule_allows_only_its_verbs(string verb, bool allowed) =>
        PolicyRules.Allows(Rule(["get", "list"], ["fhir.fut.dk"], ["reindexjobs"]), Resource(verb, "fhir.fut.dk", "reindexjobs")).Should().Be(allowed);

    [Test]
    public void The_star_verb_allows_every_verb() =>
        PolicyRules.Allows(Rule(["*"], ["fhir.fut.dk"], ["reindexjobs"]), Resource("deletecollection", "fhir.fut.dk", "reindexjobs")).Should().BeTrue();

    [Test]
    public void A_resource_rule_does_not_cover_its_status_subresource() =>
        PolicyRules.Allows(Rule(["patch"], ["fhir.fut.dk"], ["reindexjobs"]), Resource("patch", "fhir.fut.dk", "reindexjobs", "status")).Should().BeFalse();

    [Test]
    public void A_subresource_rule_does_not_cover_the_resource() =>
        PolicyRules.Allows(Rule(["patch"], ["fhir.fut.dk"], ["reindexjobs/status"]), Resource("patch", "fhir.fut.dk", "reindexjobs")).Should().BeFalse();

    [Test]
    public void Star_slash_status_covers_the_status_of_every_resource() =>
        PolicyRules.Allows(Rule(["patch"], ["*"], ["*/status"]), Resource("patch", "fhir.fut.dk", "reindexjobs", "status")).Should().BeTrue();

    [Test]
    public void The_core_group_is_the_empty_string_and_no_other() =>
        PolicyRules.Allows(Rule(["get"], [""], ["services"]), Resource("get", "apps", "services")).Should().BeFalse();

    [Test]
    public void The_star_group_matches_the_core_group() =>
        PolicyRules.Allows(Rule(["get"], ["*"], ["services"]), Resource("get", "", "services")).Should().BeTrue();

    [TestCase("fut-reindex-operator-leader", true)]
    [TestCase("another-lease", false)]
    [TestCase("", false)]
    public void Resource_names_limit_a_rule_to_those_objects(string name, bool allowed) =>
        PolicyRules.Allows(Rule(["get", "update"], ["coordination.k8s.io"], ["leases"], ["fut-reindex-operator-leader"]), Resource("get", "coordination.k8s.io", "leases", name: name))
            .Should().Be(allowed);

    [TestCase("/healthz", true)]
    [TestCase("/apis/fhir.fut.dk", true)]
    [TestCase("/apis", true)]
    [TestCase("/metrics", false)]
    public void Non_resource_urls_match_exactly_or_by_a_star_prefix(string path, bool allowed) =>
        PolicyRules.Allows(new V1PolicyRule { Verbs = ["get"], NonResourceURLs = ["/healthz", "/apis", "/apis/*"] }, new RequestAttributes(Someone, "get", false, path))
            .Should().Be(allowed);

    [Test]
    public void A_resource_rule_never_allows_a_non_resource_request() =>
        PolicyRules.Allows(Rule(["*"], ["*"], ["*"]), new RequestAttributes(Someone, "get", false, "/healthz")).Should().BeFalse();
}
