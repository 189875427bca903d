using System.Text.Json.Nodes;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Istio;

/// <summary>What <c>kubectl kustomize config/istio</c> renders: the policy that keeps $reindex to the operator.</summary>
public sealed class AuthorizationPolicyTests
{
    private IReadOnlyList<JsonObject> _objects = [];
    private IReadOnlyList<JsonObject> _operator = [];

    [OneTimeSetUp]
    public async Task RenderAsync()
    {
        _objects = await Support.Kustomize.RenderAsync("config/istio", CancellationToken.None);
        _operator = await Support.Kustomize.RenderAsync("config/default", CancellationToken.None);
    }

    private JsonObject Policy => _objects.Single("AuthorizationPolicy");

    [Test]
    public void Everyone_but_the_operators_ServiceAccount_is_denied()
    {
        var serviceAccount = _operator.Single("ServiceAccount");
        var rule = Policy["spec"]!["rules"]!.AsArray().Should().ContainSingle().Subject!;

        Policy["spec"]!["action"]!.ToString().Should().Be("DENY");
        rule["from"]!.AsArray().Should().ContainSingle().Which!["source"]!["notPrincipals"].Strings()
            .Should().Equal($"cluster.local/ns/{serviceAccount.Namespace()}/sa/{serviceAccount.Name()}");
    }

    [Test]
    public void Reindex_and_its_status_operation_are_covered_in_both_spellings_of_the_dollar()
    {
        var paths = Policy["spec"]!["rules"]![0]!["to"]![0]!["operation"]!["paths"].Strings();

        foreach (var operation in new[] { "reindex", "hapi.fhir.reindex-status" })
        {
            paths.Should().Contain([$"*/${operation}", $"*/${operation}/", $"*/%24{operation}", $"*/%24{operation}/"]);
        }

        Policy["spec"]!["rules"]![0]!["to"]![0]!["operation"]!["methods"].Should().BeNull("every method is denied, not only POST");
    }

    [Test]
    public void Mutual_TLS_is_strict_for_the_same_workload()
    {
        var peerAuthentication = _objects.Single("PeerAuthentication");

        peerAuthentication["spec"]!["mtls"]!["mode"]!.ToString().Should().Be("STRICT");
        peerAuthentication.Namespace().Should().Be(Policy.Namespace());
        peerAuthentication["spec"]!["selector"]!.ToJsonString().Should().Be(Policy["spec"]!["selector"]!.ToJsonString());
    }
}
