using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Resources;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Api;

public sealed class ResourceRequestTests
{
    private static readonly ResourceRegistry Registry = new();

    [TestCase("/api/v1/namespaces", "namespaces", null, null, null)]
    [TestCase("/api/v1/namespaces/default", "namespaces", null, "default", null)]
    [TestCase("/api/v1/namespaces/default/status", "namespaces", null, "default", "status")]
    [TestCase("/api/v1/namespaces/default/secrets", "secrets", "default", null, null)]
    [TestCase("/api/v1/namespaces/default/secrets/creds", "secrets", "default", "creds", null)]
    [TestCase("/api/v1/events", "events", null, null, null)]
    [TestCase("/apis/coordination.k8s.io/v1/namespaces/ns/leases/leader", "leases", "ns", "leader", null)]
    [TestCase("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/a.b/status", "customresourcedefinitions", null, "a.b", "status")]
    public void Parse_ServedPath_ResourceNamespaceNameAndSubresource(string path, string plural, string? ns, string? name, string? subresource)
    {
        var request = ResourceRequest.Parse(path, Registry);

        request.Should().NotBeNull();
        (request!.Definition.Plural, request.Namespace, request.Name, request.Subresource).Should().Be((plural, ns, name, subresource));
    }

    [TestCase("/api/v1/pods")]
    [TestCase("/apis/example.com/v1/widgets")]
    [TestCase("/version")]
    [TestCase("/api/v1/namespaces/default/secrets/a/b/c")]
    public void Parse_UnservedPath_Null(string path) => ResourceRequest.Parse(path, Registry).Should().BeNull();

    [TestCase("GET", false, "creds", "get")]
    [TestCase("GET", false, null, "list")]
    [TestCase("GET", true, null, "watch")]
    [TestCase("POST", false, null, "create")]
    [TestCase("PUT", false, "creds", "update")]
    [TestCase("PATCH", false, "creds", "patch")]
    [TestCase("DELETE", false, "creds", "delete")]
    [TestCase("DELETE", false, null, "deletecollection")]
    public void Verb_HttpMethod_KubernetesVerb(string method, bool watch, string? name, string expected) =>
        new ResourceRequest(BuiltInResources.Secrets, "default", name, null).Verb(method, watch).Should().Be(expected);
}
