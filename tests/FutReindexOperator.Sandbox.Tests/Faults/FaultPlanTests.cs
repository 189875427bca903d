using FutReindexOperator.Sandbox.Faults;
using FutReindexOperator.Sandbox.Options;
using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.Sandbox.Tests.Faults;

public sealed class FaultPlanTests
{
    [Test]
    public void For_None_InjectsNothing()
    {
        FaultPlan.For(FaultProfile.None).Should().BeEquivalentTo(new FaultPlan([], [], null, null));
    }

    [TestCase(FaultProfile.Flaky)]
    [TestCase(FaultProfile.Chaos)]
    public void For_AProfile_NeverMakesASubmissionAmbiguous(FaultProfile profile)
    {
        var submissionFaults = FaultPlan.For(profile).SimulatorFaults.Where(rule => rule.Operation is null or "$reindex").ToList();

        submissionFaults.Should().NotBeEmpty();
        submissionFaults.Should().OnlyContain(rule => !rule.AfterUpstream && rule.Fault != EnvoyFault.ConnectionReset && rule.Fault != EnvoyFault.UpstreamTimeout);
    }

    [Test]
    public void For_Chaos_DropsWatchesMoreOftenThanFlaky()
    {
        FaultPlan.For(FaultProfile.Chaos).WatchDropInterval.Should().BeLessThan(FaultPlan.For(FaultProfile.Flaky).WatchDropInterval!.Value);
    }

    [TestCase(FaultProfile.Flaky)]
    [TestCase(FaultProfile.Chaos)]
    public void For_AProfile_HasValidSimulatorRules(FaultProfile profile)
    {
        FaultPlan.For(profile).SimulatorFaults.Should().AllSatisfy(rule => rule.Invoking(valid => valid.Validate()).Should().NotThrow());
    }
}
