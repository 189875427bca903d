using FutReindexOperator.Benchmarks.Chaos;
using FutReindexOperator.Benchmarks.Harness;
using FutReindexOperator.Benchmarks.Reports;

namespace FutReindexOperator.Benchmarks.Tests.Chaos;

public sealed class ChaosMarkdownTests
{
    private static ChaosReport Report(IReadOnlyList<string> outcomeViolations) => new()
    {
        Label = "short",
        Time = DateTimeOffset.UnixEpoch,
        Machine = new MachineInfo("cpu", 2, 1, "Linux", ".NET"),
        Settings = new ChaosSettings(4, 2, 2, 1, TimeSpan.FromSeconds(8), 1, TimeSpan.FromSeconds(60), 256, 2, new WorldOptions()),
        Faults = [new ScheduledFault(TimeSpan.FromSeconds(1.5), FaultKind.KillLeader)],
        OperatorStarts = 5,
        Phases = new Dictionary<string, int> { ["Succeeded"] = 4 },
        Posts = new PostAccount(5, 3, 1, 1, []),
        KilledBetweenMarkerAndJobId = ["reindex-00002"],
        OutcomeViolations = outcomeViolations,
        SecretLeaks = [],
        MemoryViolations = [],
        PeakRssMiB = 190,
        Seconds = 20,
        LogLines = 100,
    };

    [Test]
    public void Render_NoViolations_SaysPassedAndCountsKillsSeparately()
    {
        var markdown = ChaosMarkdown.Render(Report([]));

        markdown.Should().Contain("PASSED").And.Contain("| Kills between marker and job id (counted separately) | 1: reindex-00002 |").And.Contain("1.5 s: KillLeader");
    }

    [Test]
    public void Render_Violation_SaysFailedAndQuotesIt()
        => ChaosMarkdown.Render(Report(["reindex-00001: lost"])).Should().Contain("FAILED").And.Contain("- reindex-00001: lost");
}
