using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Display;
using FutReindexOperator.Sandbox.Tests.Support;

namespace FutReindexOperator.Sandbox.Tests.Display;

public sealed class TerminalTableViewTests
{
    [Test]
    public void Show_FirstTime_ClearsBelowAndDrawsTableAndProgress()
    {
        using var output = new StringWriter();

        new TerminalTableView(output, () => 120).Show([Rows.Of("a", ReindexPhase.Running)], 0, TimeSpan.FromSeconds(1), []);

        output.ToString().Should().StartWith("\u001b[JNAME").And.Contain("\na  ").And.EndWith("0 of 1 jobs settled [------------------------] 1.0s\n");
    }

    [Test]
    public void Show_Again_MovesBackOverTheLinesDrawnBefore()
    {
        using var output = new StringWriter();
        var view = new TerminalTableView(output, () => 120);
        view.Show([Rows.Of("a"), Rows.Of("b")], 0, TimeSpan.Zero, []);
        output.GetStringBuilder().Clear();

        view.Show([Rows.Of("a"), Rows.Of("b")], 0, TimeSpan.Zero, []);

        // Header, two rows, a blank line and the progress line.
        output.ToString().Should().StartWith("\u001b[5F\u001b[J");
    }

    [Test]
    public void Show_NarrowTerminal_CutsLinesSoTheyDoNotWrap()
    {
        using var output = new StringWriter();

        new TerminalTableView(output, () => 41).Show([Rows.Of("a", ReindexPhase.Stalled, message: new string('x', 80))], 0, TimeSpan.Zero, []);

        output.ToString().Split('\n').Should().OnlyContain(line => line.Length <= 40 + "\u001b[J".Length);
    }
}
