using FutReindexOperator.Testing.KubeApiServer.Auth;
using FutReindexOperator.Testing.KubeApiServer.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Authorization;

public sealed class RequestAttributesTests
{
    private static RequestAttributes Parse(string method, string path, string query = "") =>
        RequestAttributes.Parse(UserInfo.Anonymous, method, path, new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .ToDictionary(p => p.Key, p => (StringValues)p.Value)));

    [Test]
    public void A_status_patch_names_group_resource_subresource_namespace_and_name()
    {
        var attributes = Parse("PATCH", "/apis/fhir.fut.dk/v1/namespaces/fut/reindexjobs/x/status");

        attributes.Should().BeEquivalentTo(new
        {
            Verb = "patch",
            IsResourceRequest = true,
            ApiGroup = "fhir.fut.dk",
            ApiVersion = "v1",
            Resource = "reindexjobs",
            Subresource = "status",
            Namespace = "fut",
            Name = "x",
        });
    }

    [TestCase("GET", "/api/v1/namespaces/fut/services", "", "list")]
    [TestCase("GET", "/api/v1/namespaces/fut/services", "watch=true", "watch")]
    [TestCase("GET", "/api/v1/namespaces/fut/services", "watch=True", "watch")]
    [TestCase("GET", "/api/v1/namespaces/fut/services", "watch=1", "watch")]
    [TestCase("GET", "/api/v1/watch/namespaces/fut/services", "", "watch")]
    [TestCase("GET", "/api/v1/namespaces/fut/services/organization", "", "get")]
    [TestCase("DELETE", "/api/v1/namespaces/fut/services", "", "deletecollection")]
    [TestCase("DELETE", "/api/v1/namespaces/fut/services/organization", "", "delete")]
    [TestCase("POST", "/api/v1/namespaces/fut/services", "", "create")]
    [TestCase("PUT", "/api/v1/namespaces/fut/services/organization", "", "update")]
    public void The_verb_follows_the_method_and_whether_a_name_is_given(string method, string path, string query, string verb) =>
        Parse(method, path, query).Verb.Should().Be(verb);

    [Test]
    public void A_list_selecting_one_name_is_authorized_by_that_name()
    {
        var attributes = Parse("GET", "/apis/coordination.k8s.io/v1/namespaces/fut/leases", "fieldSelector=metadata.name%3Dleader&watch=true");

        attributes.Should().BeEquivalentTo(new { Verb = "watch", Name = "leader" });
    }

    [Test]
    public void A_namespace_is_its_own_namespace()
    {
        var attributes = Parse("GET", "/api/v1/namespaces/fut");

        attributes.Should().BeEquivalentTo(new { Resource = "namespaces", Name = "fut", Namespace = "fut", Subresource = "" });
    }

    [Test]
    public void A_resource_that_is_not_served_is_still_a_resource_request() =>
        Parse("GET", "/apis/nothing.example/v1/things").Should().BeEquivalentTo(new { IsResourceRequest = true, ApiGroup = "nothing.example", Resource = "things", Verb = "list" });

    [TestCase("/api")]
    [TestCase("/api/v1")]
    [TestCase("/apis/fhir.fut.dk")]
    [TestCase("/apis/fhir.fut.dk/v1")]
    [TestCase("/openapi/v3")]
    [TestCase("/healthz")]
    public void Discovery_and_health_paths_are_non_resource_requests_with_the_method_as_verb(string path) =>
        Parse("GET", path).Should().BeEquivalentTo(new { IsResourceRequest = false, Verb = "get", Path = path });
}
