using FutReindexOperator.Benchmarks.Plans;
using FutReindexOperator.Benchmarks.Reports;

namespace FutReindexOperator.Benchmarks.Tests.Plans;

/// <summary>
/// The short CI version of the plan benchmark: the real operator process, one standalone job, then one ReindexPlan over
/// 6 Services, 2 at a time. It asserts the plan's invariants and its writes per child against the standalone job's, not times.
/// </summary>
[Category("E2E")]
public sealed class PlanRunnerTests
{
    private const int Services = 6;
    private const int MaxConcurrentTargets = 2;
    private static PlanBenchResult? _result;

    [OneTimeSetUp]
    public async Task RunAPlanOverSixServices()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        _result = await new PlanRunner(TimeProvider.System, TestContext.Progress)
            .RunAsync(new PlanSettings(Services, MaxConcurrentTargets, ProgressPolls: 1, IdleSettle: TimeSpan.FromSeconds(1), Timeout: TimeSpan.FromSeconds(90)), timeout.Token);
        TestContext.Progress.WriteLine(PlanMarkdown.Render(new PlanReport("CI short run", DateTimeOffset.UtcNow, MachineInfo.Current(), "6 Services, 2 at a time", _result)));
    }

    [Test]
    public void The_plan_succeeds_with_one_child_per_Service()
    {
        _result!.PlanPhase.Should().Be("Succeeded");
        _result.Children.Should().Be(Services);
        _result.DistinctServices.Should().Be(Services);
        _result.SucceededChildren.Should().Be(Services);
    }

    [Test]
    public void Every_child_becomes_terminal_exactly_once()
        => _result!.ChildrenNotTerminalExactlyOnce.Should().BeEmpty();

    [Test]
    public void Every_Service_gets_exactly_one_POST()
    {
        _result!.MinPostsPerService.Should().Be(1);
        _result.MaxPostsPerService.Should().Be(1);
        _result.SingleJobPosts.Should().Be(1);
    }

    [Test]
    public void At_most_maxConcurrentTargets_children_and_HAPI_jobs_run_at_any_sampled_moment()
    {
        _result!.Samples.Should().BeGreaterThan(5);
        _result.MaxRunningChildrenSampled.Should().BeInRange(1, MaxConcurrentTargets);
        _result.MaxRunningHapiJobsSampled.Should().BeInRange(1, MaxConcurrentTargets);
    }

    [Test]
    public void A_childs_own_writes_stay_within_a_quarter_above_the_standalone_jobs()
    {
        (_result!.ChildObjectWritesPerChild + _result.ChildEventsPerChild).Should()
            .BeLessThanOrEqualTo((_result.SingleJobObjectWrites + _result.SingleJobEventCount) * PlanBounds.ChildWritesRatio);
        _result.SingleJobObjectWrites.Should().BeGreaterThanOrEqualTo(2, "the create and at least one status patch were counted");
    }

    [Test]
    public void The_plan_adds_at_most_a_jobs_status_patches_plus_three_writes_per_child_of_its_own()
        => (_result!.PlanWritesPerChild + _result.PlanEventsPerChild).Should().BeLessThanOrEqualTo(PlanBounds.PlanWritesPerChild(_result.SingleJobStatusPatches));

    [Test]
    public void The_figures_are_all_measured()
    {
        _result!.IdleRssMiB.Should().BePositive();
        _result.PeakRssMiB.Should().BePositive();
        _result.PlanCreateToAllChildrenTerminalSeconds.Should().BePositive();
        _result.PlanCreateToCompleteSeconds.Should().BeGreaterThanOrEqualTo(_result.PlanCreateToAllChildrenTerminalSeconds);
        _result.PlanRunEvents.Keys.Should().Contain(key => key.StartsWith("ReindexPlan ", StringComparison.Ordinal));
    }
}
