using FutReindexOperator.Benchmarks.Reports;

namespace FutReindexOperator.Benchmarks.Tests.Reports;

public sealed class BenchMarkdownTests
{
    internal static BenchResult Result(int jobs, double writes = 6, double minimumWrites = 5) => new()
    {
        Jobs = jobs,
        Targets = 3,
        Namespaces = 3,
        ProgressPolls = 2,
        StartupToReadySeconds = 1.5,
        IdleRssMiB = 60,
        PeakRssMiB = 80,
        KernelPeakRssMiB = 82,
        CpuSeconds = 3,
        CreateSeconds = 0.5,
        CreatedToAllSubmittedSeconds = 1,
        CreatedToAllTerminalSeconds = 2,
        TerminalJobs = jobs,
        SucceededJobs = jobs,
        Reconciles = 4 * jobs,
        ReconcilesPerSecond = 2 * jobs,
        ReconcileP50Milliseconds = 4,
        ReconcileP99Milliseconds = 20,
        QueueWaitP50Milliseconds = 0.1,
        QueueWaitP99Milliseconds = 1,
        ApiRequestsPerJob = new Dictionary<string, double> { ["patch reindexjobs.fhir.fut.dk/status"] = 5, ["create events.events.k8s.io"] = 1 },
        MinimumApiRequestsPerJob = new Dictionary<string, double> { ["patch reindexjobs.fhir.fut.dk/status"] = 5, ["create events.events.k8s.io"] = 3 },
        ApiWritesPerJob = writes,
        MinimumApiWritesPerJob = minimumWrites,
        PostsPerJob = 1,
        PollsPerJob = 3,
        MinimumPollsPerJob = 3,
        CompletionDetectionP50Milliseconds = 10,
        CompletionDetectionMaxMilliseconds = 40,
        PollPolicyDetectionMilliseconds = 400,
    };

    private static readonly BenchReport Report = new(
        "smoke run",
        new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero),
        new MachineInfo("AMD EPYC", 2, 24L << 30, "Linux", ".NET 10.0.0"),
        "3 targets",
        [Result(1000), Result(100)]);

    [Test]
    public void Render_Results_HasOneColumnPerJobCountInAscendingOrder()
    {
        var markdown = BenchMarkdown.Render(Report);

        markdown.Should().Contain("| Figure | N = 100 | N = 1,000 | Target |");
    }

    [Test]
    public void Render_Report_StatesLabelAndMachine()
        => BenchMarkdown.Render(Report).Should().Contain("smoke run").And.Contain("AMD EPYC, 2 cores, 24 GiB RAM, Linux, .NET 10.0.0");

    [Test]
    public void Render_WritesAgainstMinimum_ShowsTheRatio()
        => BenchMarkdown.Render(Report).Should().Contain("| API writes per job / minimum (ratio) | 6 / 5 (1.2) | 6 / 5 (1.2) | ratio ≤ 1.25 |");

    [Test]
    public void Render_RequestsByVerb_ListsEveryKey()
        => BenchMarkdown.Render(Report).Should().Contain("| `create events.events.k8s.io` | 1 | 1 | 3 |");

    [Test]
    public void ApiWritesRatio_NoMinimum_IsNaN()
        => Result(10, minimumWrites: 0).ApiWritesRatio.Should().Be(double.NaN);
}
