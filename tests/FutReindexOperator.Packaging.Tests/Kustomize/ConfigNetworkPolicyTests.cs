using System.Text.Json.Nodes;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Kustomize;

/// <summary>What <c>kubectl kustomize config/network-policy</c> renders, next to config/default's operator.</summary>
public sealed class ConfigNetworkPolicyTests
{
    private JsonObject _policy = null!;
    private JsonObject _deployment = null!;

    [OneTimeSetUp]
    public async Task RenderAsync()
    {
        _policy = (await Support.Kustomize.RenderAsync("config/network-policy", CancellationToken.None)).Single("NetworkPolicy");
        _deployment = (await Support.Kustomize.RenderAsync("config/default", CancellationToken.None)).Single("Deployment");
    }

    [Test]
    public void The_policy_selects_the_operators_pods_in_their_namespace()
    {
        var podLabels = _deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

        _policy.Namespace().Should().Be(_deployment.Namespace());
        _policy["spec"]!["podSelector"]!["matchLabels"]!.AsObject()
            .Should().NotBeEmpty().And.OnlyContain(label => podLabels[label.Key]!.ToString() == label.Value!.ToString());
        _policy["spec"]!["policyTypes"].Strings().Should().Equal("Ingress");
    }

    [Test]
    public void Only_the_monitoring_namespace_may_reach_the_operator_and_only_on_the_metrics_port()
    {
        var rule = _policy["spec"]!["ingress"]!.AsArray().Should().ContainSingle().Subject!;
        var source = rule["from"]!.AsArray().Should().ContainSingle().Subject!;
        var port = rule["ports"]!.AsArray().Should().ContainSingle().Subject!;

        source.AsObject().Select(entry => entry.Key).Should().Equal("namespaceSelector");
        source["namespaceSelector"]!.ToJsonString().Should().Be("""{"matchLabels":{"kubernetes.io/metadata.name":"monitoring"}}""");
        port["port"]!.ToString().Should().Be("http-metrics");
        _deployment.Container("manager")["ports"]!.AsArray().Select(containerPort => containerPort!["name"]!.ToString())
            .Should().Equal("http-metrics");
    }
}
