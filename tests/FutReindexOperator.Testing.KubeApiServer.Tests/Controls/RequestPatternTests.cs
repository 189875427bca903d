using FutReindexOperator.Testing.KubeApiServer.Controls;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Controls;

public sealed class RequestPatternTests
{
    [TestCase("patch", "/apis/*/status", "patch", "PATCH", "/apis/example.com/v1/namespaces/d/widgets/w/status", true)]
    [TestCase("PATCH", "/apis/*/status", "patch", "PATCH", "/apis/example.com/v1/namespaces/d/widgets/w/status", true)]
    [TestCase("*", "*", "get", "GET", "/version", true)]
    [TestCase("update", "/apis/*/status", "patch", "PATCH", "/apis/example.com/v1/namespaces/d/widgets/w/status", false)]
    [TestCase("patch", "/apis/*/status", "patch", "PATCH", "/apis/example.com/v1/namespaces/d/widgets/w", false)]
    [TestCase("list", "/api/v1/namespaces/?/secrets", "list", "GET", "/api/v1/namespaces/x/secrets", false)]
    public void Matches_VerbAndGlob_AsDocumented(string verb, string glob, string kubernetesVerb, string method, string path, bool expected) =>
        new RequestPattern(verb, glob).Matches(kubernetesVerb, method, path).Should().Be(expected);
}
