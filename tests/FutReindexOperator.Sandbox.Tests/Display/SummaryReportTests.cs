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
            ],
            TimeSpan.FromSeconds(21));

        lines.Should().Equal(
            "Summary:",
            "  ok    organization-bearer  Succeeded: done",
            "  ok    fails                Stalled: 'Foo' is not one",
            "All 2 jobs reached their expected outcome in 21.0s.");
    }

    [Test]
    public void Render_OneMissed_NamesWhatWasExpected()
    {
        var lines = SummaryReport.Render(
            [new JobResult(Rows.Of("task", ReindexPhase.Stalled, message: "token refused"), ExpectedOutcome.Succeeded)], TimeSpan.FromSeconds(3));

        lines.Should().Equal(
            "Summary:",
            "  FAIL  task  Stalled (expected Succeeded): token refused",
            "1 of 1 jobs did not reach their expected outcome in 3.0s.");
    }
}
