using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Mesh;

public sealed class FaultInjectorTests
{
    private static readonly MeshTarget Reindex = new("organization", "$reindex");

    [Test]
    public void Match_FirstMatchingRuleWins()
    {
        var injector = new FaultInjector(1);
        injector.Add(new FaultRule { Fault = EnvoyFault.RbacDenied, Service = "careplan" });
        injector.Add(new FaultRule { Fault = EnvoyFault.UpstreamTimeout, Method = "post" });
        injector.Add(new FaultRule { Fault = EnvoyFault.NoHealthyUpstream });

        injector.Match(Reindex, "POST")!.Fault.Should().Be(EnvoyFault.UpstreamTimeout);
    }

    [Test]
    public void Match_CountedRule_IsSpentAfterItsCount()
    {
        var injector = new FaultInjector(1);
        injector.Add(new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Count = 1 });

        injector.Match(Reindex, "POST").Should().NotBeNull();
        injector.Match(Reindex, "POST").Should().BeNull();
        injector.List().Single().Fired.Should().Be(1);
    }

    [Test]
    public void Remove_UnknownId_ReturnsFalse()
    {
        new FaultInjector(1).Remove("42").Should().BeFalse();
    }
}
