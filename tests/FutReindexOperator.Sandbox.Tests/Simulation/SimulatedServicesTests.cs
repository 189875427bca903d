using FutReindexOperator.Sandbox.Simulation;

namespace FutReindexOperator.Sandbox.Tests.Simulation;

public sealed class SimulatedServicesTests
{
    [Test]
    public void All_AreTheTwelveFutServicesThatOfferReindex()
    {
        SimulatedServices.All.Should().BeEquivalentTo(
            "careplan", "device", "document-query", "document-transformation", "library", "measurement",
            "organization", "plan", "questionnaire", "reporting", "task", "terminology");
    }

    [Test]
    public void WithSampleJobs_AreSimulated()
    {
        SimulatedServices.All.Should().Contain(SimulatedServices.WithSampleJobs).And.Contain(SimulatedServices.WithoutAuth);
    }
}
