using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Display;
using FutReindexOperator.Sandbox.Expectations;
using FutReindexOperator.Sandbox.Tests.Support;

namespace FutReindexOperator.Sandbox.Tests.Display;

public sealed class SummaryReportTests
{
    [Test]
    public void Render_AllMet_SaysSoInTheLastLine()
    {
        var lines = SummaryReport.Render(
            [
                new JobResult(Rows.Of("organization-bearer", ReindexPhase.Succeeded, message: "done"), ExpectedOutcome.Succeeded),
                new JobResult(Rows.Of("fails", ReindexPhase.Stalled, message: "'Foo' is not one"), new ExpectedOutcome(ReindexPhase.Stalled, "is not one")),
            ], [],
            TimeSpan.FromSeconds(21));

        lines.Should().Equal(
            "Summary:",
            "  ok    organization-bearer  Succeeded: done",
            "  ok    fails                Stalled: 'Foo' is not one",
            "All 2 jobs reached their expected outcome in 21.0s.");
    }

    [Test]
    public void Render_APlan_GetsItsLineWithCountsAndIsCountedInTheVerdict()
    {
        var counts = new PlanCounts { Targets = 12, Succeeded = 12 };
        var lines = SummaryReport.Render(
            [new JobResult(Rows.Of("fut-services-task", ReindexPhase.Succeeded, target: "task"), ExpectedOutcome.Succeeded)],
            [new PlanResult(new PlanRow("fut-services", PlanPhase.Succeeded, counts, TimeSpan.FromSeconds(20), "All 12 targets succeeded."))],
            TimeSpan.FromSeconds(21));

        lines.Should().Equal(
            "Summary:",
            "  ok    fut-services-task  Succeeded",
            "  ok    fut-services       plan Succeeded (12 targets: 0 running, 0 waiting, 12 succeeded, 0 failed): All 12 targets succeeded.",
            "All 1 jobs and 1 plan reached their expected outcome in 21.0s.");
    }

    [Test]
    public void Render_AFailedPlan_IsMissed()
    {
        var lines = SummaryReport.Render(
            [], [new PlanResult(new PlanRow("fut-services", PlanPhase.Failed, new PlanCounts { Targets = 2, Succeeded = 1, Failed = 1 }, TimeSpan.Zero, null))], TimeSpan.FromSeconds(3));

        lines.Should().Equal(
            "Summary:",
            "  FAIL  fut-services  plan Failed (expected Succeeded) (2 targets: 0 running, 0 waiting, 1 succeeded, 1 failed)",
            "1 of 0 jobs and 1 plan did not reach their expected outcome in 3.0s.");
    }

    [Test]
    public void Render_OneMissed_NamesWhatWasExpected()
    {
        var lines = SummaryReport.Render(
            [new JobResult(Rows.Of("task", ReindexPhase.Stalled, message: "token refused"), ExpectedOutcome.Succeeded)], [], TimeSpan.FromSeconds(3));

        lines.Should().Equal(
            "Summary:",
            "  FAIL  task  Stalled (expected Succeeded): token refused",
            "1 of 1 jobs did not reach their expected outcome in 3.0s.");
    }
}
