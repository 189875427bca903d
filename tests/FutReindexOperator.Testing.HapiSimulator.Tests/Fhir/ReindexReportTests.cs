using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Fhir;

public sealed class ReindexReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 16, 11, 27, 4, 935, TimeSpan.Zero);

    [Test]
    public void Render_FutExample_IsTheSingleLineFormOfFUTsCapture()
    {
        var report = ReindexReport.Render(Job(TimeSpan.FromMinutes(4), ("Organization", 32)), ReportFormat.FutExample);

        report.Should().Be(
            "Reindex (v3) Report-------------------------------------------------Start Time                : 2026-04-16 11:27:04.935"
            + "Duration                  : 00:04:00Total Resources Changed   : 32 (0/sec)-------------------------------------------------"
            + "ResourceType[Organization]    Changed   : 32-------------------------------------------------");
    }

    [Test]
    public void Render_Source_ListsEveryTypeInOrderWithHAPIsCounters()
    {
        var report = ReindexReport.Render(Job(TimeSpan.FromSeconds(10), ("Patient", 40), ("Observation", 60)), ReportFormat.Source);

        report.Should().Be(
            "Reindex (v3) Report\n-------------------------------------------------\n"
            + "Start Time                : Thu Apr 16 11:27:04 UTC 2026\n"
            + "Duration                  : 00:00:10\n"
            + "Total Resources Changed   : 100 (10/sec)\n"
            + "Total Resources Unchanged : 0 (0/sec)\n"
            + "Total Failed Changes      : 0 (0/sec)\n"
            + "Total Retried Chunks      : 0\n"
            + "Total Retried Resources   : 0\n"
            + "-------------------------------------------------\n"
            + "ResourceType[Observation]\n    Changed   : 60\n"
            + "ResourceType[Patient]\n    Changed   : 40\n"
            + "-------------------------------------------------\n");
    }

    [Test]
    public void Render_DurationWithMilliseconds_ShowsThem()
    {
        var report = ReindexReport.Render(Job(TimeSpan.FromMilliseconds(1_250), ("Task", 1)), ReportFormat.Source);

        report.Should().Contain("Duration                  : 00:00:01.250\n");
    }

    private static JobSnapshot Job(TimeSpan duration, params (string Type, int Count)[] changed) => new(
        "id", "organization", "REINDEX", ReindexJobState.Completed, null, Start.AddSeconds(-3), Start, Start + duration, null, false, 0, 3,
        "generate-report", changed.ToDictionary(pair => pair.Type, pair => pair.Count), true);
}
