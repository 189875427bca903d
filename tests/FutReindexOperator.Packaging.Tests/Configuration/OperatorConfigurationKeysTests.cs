using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Configuration;

public sealed class OperatorConfigurationKeysTests
{
    [TestCase("Reindex__Targets__HostTemplate")]
    [TestCase("Reindex__Targets__ExternalTargets__3__BaseUrl")]
    [TestCase("Reindex__Auth__AllowedTokenEndpoints__0")]
    [TestCase("reindex__http__requesttimeout")]
    [TestCase("OperatorRuntime__LeaderElection__LeaseName")]
    [TestCase("OperatorRuntime__Namespaces__0")]
    [TestCase("Kubernetes__Kubeconfig")]
    public void IsBound_KeyOfAnOptionsClassAtItsSection_IsTrue(string name)
    {
        OperatorConfigurationKeys.IsBound(name).Should().BeTrue();
    }

    [TestCase("Targets__HostTemplate")]
    [TestCase("Auth__AllowedTokenEndpoints__0")]
    [TestCase("Reindex__Targets__AllowedNamespaces")]
    [TestCase("Reindex__Targets__ExternalTargets__0__Url")]
    [TestCase("OperatorRuntime__LeaderElection")]
    public void IsBound_KeyOutsideTheOptionsOrWithoutItsSection_IsFalse(string name)
    {
        OperatorConfigurationKeys.IsBound(name).Should().BeFalse();
    }

    [TestCase("POD_NAME")]
    [TestCase("DOTNET_gcServer")]
    [TestCase("ASPNETCORE_URLS")]
    public void IsAllowed_WellKnownRuntimeVariable_IsTrue(string name)
    {
        OperatorConfigurationKeys.IsAllowed(name).Should().BeTrue();
    }
}
