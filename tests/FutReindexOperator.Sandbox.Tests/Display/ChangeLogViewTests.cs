using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Display;
using FutReindexOperator.Sandbox.Tests.Support;

namespace FutReindexOperator.Sandbox.Tests.Display;

public sealed class ChangeLogViewTests
{
    [Test]
    public void Show_FirstTime_WritesEveryJobAndTheCount()
    {
        using var output = new StringWriter();

        new ChangeLogView(output).Show([Rows.Of("a"), Rows.Of("b", ReindexPhase.Pending, message: "waiting")], 0, TimeSpan.FromSeconds(1), []);

        Lines(output).Should().Equal("[   1.0s] a (organization) -", "[   1.0s] b (organization) Pending: waiting", "[   1.0s] 0 of 2 jobs settled");
    }

    [Test]
    public void Show_APlanWhoseCountsChanged_WritesOneLineForIt()
    {
        using var output = new StringWriter();
        var view = new ChangeLogView(output);
        var running = new PlanRow("fut-services", PlanPhase.Running, new PlanCounts { Targets = 12, Running = 3, Waiting = 9 }, TimeSpan.Zero, null);

        view.Show([], 0, TimeSpan.FromSeconds(1), [running]);
        view.Show([], 0, TimeSpan.FromSeconds(2), [running with { Message = "3 running, 9 waiting" }]);
        view.Show([], 0, TimeSpan.FromSeconds(3), [running with { Counts = new PlanCounts { Targets = 12, Running = 3, Waiting = 8, Succeeded = 1 }, Message = "3 running, 8 waiting" }]);

        Lines(output).Where(line => line.Contains("plan", StringComparison.Ordinal)).Should().Equal(
            "[   1.0s] plan fut-services Running (12 targets: 3 running, 9 waiting, 0 succeeded, 0 failed)",
            "[   3.0s] plan fut-services Running: 3 running, 8 waiting");
    }

    [Test]
    public void Show_Unchanged_WritesNothingMore()
    {
        using var output = new StringWriter();
        var view = new ChangeLogView(output);
        view.Show([Rows.Of("a", ReindexPhase.Running, "7")], 0, TimeSpan.FromSeconds(1), []);

        view.Show([Rows.Of("a", ReindexPhase.Running, "7", message: "a new poll")], 0, TimeSpan.FromSeconds(2), []);

        Lines(output).Should().HaveCount(2);
    }

    [Test]
    public void Show_PhaseChange_WritesOneLineWithJobIdAndTheNewCount()
    {
        using var output = new StringWriter();
        var view = new ChangeLogView(output);
        view.Show([Rows.Of("a", ReindexPhase.Running, "7")], 0, TimeSpan.FromSeconds(1), []);

        view.Show([Rows.Of("a", ReindexPhase.Succeeded, "7", message: "done")], 1, TimeSpan.FromSeconds(2), []);

        Lines(output).Skip(2).Should().Equal("[   2.0s] a (organization) Succeeded job 7: done", "[   2.0s] 1 of 1 jobs settled");
    }

    [Test]
    public void Show_MessageNamingTheJobId_SaysTheJobIdOnce()
    {
        using var output = new StringWriter();

        new ChangeLogView(output).Show([Rows.Of("a", ReindexPhase.Succeeded, "7f3a", message: "job 7f3a completed")], 1, TimeSpan.FromSeconds(1), []);

        Lines(output)[0].Should().Be("[   1.0s] a (organization) Succeeded: job 7f3a completed");
    }

    private static string[] Lines(StringWriter output) => output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
