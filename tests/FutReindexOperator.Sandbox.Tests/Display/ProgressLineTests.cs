using FutReindexOperator.Sandbox.Display;

namespace FutReindexOperator.Sandbox.Tests.Display;

public sealed class ProgressLineTests
{
    [Test]
    public void Render_HalfSettled_FillsHalfTheBar()
    {
        ProgressLine.Render(3, 6, TimeSpan.FromSeconds(12.4), 0)
            .Should().Be("| 3 of 6 jobs settled [############------------] 12.4s");
    }

    [Test]
    public void Render_NextFrame_TurnsTheSpinner()
    {
        ProgressLine.Render(0, 1, TimeSpan.Zero, 1).Should().StartWith("/ ");
    }

    [Test]
    public void Render_NoJobs_IsAFullBar()
    {
        ProgressLine.Render(0, 0, TimeSpan.Zero, 0).Should().Contain("[########################]");
    }
}
