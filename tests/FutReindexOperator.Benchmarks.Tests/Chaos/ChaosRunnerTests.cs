using FutReindexOperator.Benchmarks.Chaos;
using FutReindexOperator.Benchmarks.Harness;

namespace FutReindexOperator.Benchmarks.Tests.Chaos;

/// <summary>
/// The short CI version of the chaos run: a few jobs, two replicas under leader election, two kills and the leader
/// killed, every other fault once, over a few seconds. The invariants must hold: no job lost, no wrong outcome, one POST
/// per job except where a duplicate was possible, no secret in the log, memory bounded.
/// </summary>
[Category("E2E")]
public sealed class ChaosRunnerTests
{
    private static ChaosReport? _report;

    [OneTimeSetUp]
    public async Task RunAShortChaosRun()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var settings = new ChaosSettings(
            Jobs: 12,
            Kills: 2,
            Replicas: 2,
            Seed: 9,
            Window: TimeSpan.FromSeconds(8),
            Rounds: 1,
            Timeout: TimeSpan.FromSeconds(90),
            MemoryLimitMiB: 384,
            MaxRunningPerTarget: 2,
            new WorldOptions { Targets = 3, Namespaces = 2, ProgressPolls = 3, FailingTargets = 1, OAuth2 = true });
        _report = await new ChaosRunner(TimeProvider.System, TestContext.Progress).RunAsync(settings, "CI short run", timeout.Token);
        TestContext.Progress.WriteLine(ChaosMarkdown.Render(_report));
    }

    [Test]
    public void Every_fault_kind_was_injected_and_operators_restarted()
    {
        _report!.Faults.Select(fault => fault.Kind).Distinct().Should().HaveCount(Enum.GetValues<FaultKind>().Length);
        _report.OperatorStarts.Should().Be(2 + 3);
    }

    [Test]
    public void No_job_is_lost_and_every_job_ends_as_the_server_knows_it()
        => _report!.OutcomeViolations.Should().BeEmpty();

    [Test]
    public void Every_job_is_posted_once_except_where_a_duplicate_was_possible()
    {
        _report!.Posts.Violations.Should().BeEmpty();
        (_report.Posts.SinglePostJobs + _report.Posts.MarkedDuplicatePossible).Should().Be(12);
        _report.KilledBetweenMarkerAndJobId.Count.Should().BeLessThanOrEqualTo(_report.Posts.MarkedDuplicatePossible);
    }

    [Test]
    public void No_secret_appears_in_any_log_line()
    {
        _report!.LogLines.Should().BePositive();
        _report.SecretLeaks.Should().BeEmpty();
    }

    [Test]
    public void Memory_stays_bounded()
    {
        _report!.PeakRssMiB.Should().BePositive();
        _report.MemoryViolations.Should().BeEmpty();
    }

    [Test]
    public void Failing_and_completing_targets_both_end_their_jobs()
        => _report!.Phases.Keys.Should().BeEquivalentTo("Succeeded", "Failed");
}
