using FutReindexOperator.Sandbox.OperatorHost;
using FutReindexOperator.Sandbox.Options;

namespace FutReindexOperator.Sandbox.Tests.OperatorHost;

public sealed class OperatorConfigurationTests
{
    private static readonly Uri TokenUrl = new("http://127.0.0.1:7/auth/realms/ehealth/protocol/openid-connect/token");

    [Test]
    public void Environment_TokenEndpoint_IsTheOnlyOAuth2EndpointAllowed()
    {
        var environment = OperatorConfiguration.Environment("k", new SandboxOptions(), 4, [], TokenUrl);

        environment.Should().Contain("Reindex__Auth__AllowedTokenEndpoints__0", "http://127.0.0.1:7");
        environment.Keys.Should().NotContain("Reindex__Auth__AllowedTokenEndpoints__1");
    }

    [Test]
    public void Environment_Defaults_UseTheKubeconfigAndTheHostContractsKeys()
    {
        var environment = OperatorConfiguration.Environment("/tmp/kubeconfig", new SandboxOptions(), 4, [], TokenUrl);

        environment.Should().Contain(new Dictionary<string, string>
        {
            ["KUBECONFIG"] = "/tmp/kubeconfig",
            ["OperatorRuntime__Namespaces__0"] = "fut",
            ["OperatorRuntime__HttpPort"] = "0",
            ["Reindex__Targets__HostTemplate"] = "127.0.0.1",
            ["Reindex__MaxRunningPerTarget"] = "1",
        });
        environment.Keys.Should().NotContain(key => key.Contains("ExternalTargets", StringComparison.Ordinal));
    }

    [Test]
    public void Environment_DefaultPolling_FollowsTheSimulatedSpeedNotProductions15Seconds()
    {
        var environment = OperatorConfiguration.Environment("k", new SandboxOptions { Speed = SimulatedSpeed.Fast }, 4, [], TokenUrl);

        environment.Should().Contain("Reindex__Polling__FirstInterval", "00:00:01").And.Contain("Reindex__Polling__MaxInterval", "00:00:02");
    }

    [Test]
    public void Environment_ExtraJobs_AllowThemToRunSideBySidePerTarget()
    {
        OperatorConfiguration.Environment("k", new SandboxOptions { ExtraJobs = 9 }, 4, [], TokenUrl)["Reindex__MaxRunningPerTarget"].Should().Be("4");
    }

    [Test]
    public void Environment_ExternalTargets_AreListedInTheirOrder()
    {
        var environment = OperatorConfiguration.Environment("k", new SandboxOptions(), 4, [("careplan", new Uri("http://127.0.0.1:9/fhir"))], TokenUrl);

        environment.Should().Contain(new Dictionary<string, string>
        {
            ["Reindex__Targets__ExternalTargets__0__Namespace"] = "fut",
            ["Reindex__Targets__ExternalTargets__0__Service"] = "careplan",
            ["Reindex__Targets__ExternalTargets__0__BaseUrl"] = "http://127.0.0.1:9/fhir",
        });
    }
}
