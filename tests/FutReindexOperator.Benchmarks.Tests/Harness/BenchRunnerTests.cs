using FutReindexOperator.Benchmarks.Harness;
using FutReindexOperator.Benchmarks.Reports;

namespace FutReindexOperator.Benchmarks.Tests.Harness;

/// <summary>
/// The short CI version of the benchmark: the real operator process, 50 jobs over 3 targets. It asserts what stays
/// stable on a noisy machine — every job ends, and requests per job against the decider's minimum — not times.
/// </summary>
[Category("E2E")]
public sealed class BenchRunnerTests
{
    private static BenchResult? _result;

    [OneTimeSetUp]
    public async Task RunFiftyJobsOverThreeTargets()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var cancellationToken = timeout.Token;
        var settings = new BenchSettings(
            Jobs: 50,
            new WorldOptions { Targets = 3, Namespaces = 3, ProgressPolls = 2 },
            IdleSettle: TimeSpan.FromSeconds(1),
            Timeout: TimeSpan.FromSeconds(90),
            new Dictionary<string, string>());
        _result = await new BenchRunner(TimeProvider.System, TestContext.Progress).RunAsync(settings, cancellationToken);
        TestContext.Progress.WriteLine(BenchMarkdown.Render(new BenchReport("CI short run", DateTimeOffset.UtcNow, MachineInfo.Current(), "50 jobs, 3 targets", [_result])));
    }

    [Test]
    public void Every_job_ends_and_succeeds()
    {
        _result!.TerminalJobs.Should().Be(50);
        _result.SucceededJobs.Should().Be(50);
    }

    [Test]
    public void Every_job_is_submitted_exactly_once()
        => _result!.PostsPerJob.Should().Be(1);

    [Test]
    public void API_writes_per_job_stay_within_a_quarter_above_the_minimum()
        => _result!.ApiWritesPerJob.Should().BeGreaterThanOrEqualTo(_result.MinimumApiWritesPerJob * 0.99).And.BeLessThanOrEqualTo(_result.MinimumApiWritesPerJob * 1.25);

    [Test]
    public void FHIR_polls_per_job_stay_within_a_fifth_above_the_minimum_of_the_poll_policy()
        => _result!.PollsPerJob.Should().BeGreaterThanOrEqualTo(_result.MinimumPollsPerJob).And.BeLessThanOrEqualTo(_result.MinimumPollsPerJob * 1.2);

    [Test]
    public void The_figures_are_all_measured()
    {
        _result!.StartupToReadySeconds.Should().BePositive();
        _result.IdleRssMiB.Should().BePositive();
        _result.PeakRssMiB.Should().BeGreaterThanOrEqualTo(_result.IdleRssMiB * 0.5);
        _result.CpuSeconds.Should().BePositive();
        _result.Reconciles.Should().BeGreaterThanOrEqualTo(50);
        _result.ReconcileP99Milliseconds.Should().BePositive();
        _result.ApiRequestsPerJob.Keys.Should().Contain(key => key.StartsWith("patch reindexjobs.", StringComparison.Ordinal) && key.EndsWith("/status", StringComparison.Ordinal));
    }
}
