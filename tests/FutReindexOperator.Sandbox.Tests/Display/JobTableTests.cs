using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Display;
using FutReindexOperator.Sandbox.Tests.Support;

namespace FutReindexOperator.Sandbox.Tests.Display;

public sealed class JobTableTests
{
    [Test]
    public void Render_Rows_AlignsColumnsUnderTheHeader()
    {
        var lines = JobTable.Render(
            [
                Rows.Of("organization-bearer", ReindexPhase.Running, "5f1e", 4.2, "polling"),
                Rows.Of("task", null, null, 0, null, target: "task"),
            ],
            200);

        lines.Should().Equal(
            "NAME                 TARGET        PHASE    JOB ID  ELAPSED  MESSAGE",
            "organization-bearer  organization  Running  5f1e    4.2s     polling",
            "task                 task          -        -       0.0s");
    }

    [Test]
    public void Render_LongLine_IsCutToTheWidth()
    {
        var lines = JobTable.Render([Rows.Of("a", ReindexPhase.Stalled, message: new string('x', 100))], 40);

        lines[1].Should().HaveLength(40).And.EndWith("...");
    }

    [Test]
    public void Render_MultiLineMessage_StaysOnOneLine()
    {
        var lines = JobTable.Render([Rows.Of("a", ReindexPhase.Failed, message: "first\nsecond")], 200);

        lines.Should().HaveCount(2);
        lines[1].Should().EndWith("first second");
    }
}
