using FutReindexOperator.Sandbox.Options;

namespace FutReindexOperator.Sandbox.Tests.Options;

public sealed class SimulatedSpeedTests
{
    [Test]
    public void Parse_Fast_TakesAFewSeconds()
    {
        SimulatedSpeed.Parse("fast")!.JobDuration.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Test]
    public void Parse_Duration_KeepsPollingAndMaintenanceWithinBounds()
    {
        var speed = SimulatedSpeed.Parse("100ms")!;

        speed.MaintenanceInterval.Should().Be(TimeSpan.FromMilliseconds(50));
        speed.PollInterval.Should().Be(TimeSpan.FromMilliseconds(250));
    }

    [TestCase("0s")]
    [TestCase("2h")]
    [TestCase("")]
    [TestCase("quick")]
    public void Parse_NotASpeed_IsNull(string text)
    {
        SimulatedSpeed.Parse(text).Should().BeNull();
    }
}
