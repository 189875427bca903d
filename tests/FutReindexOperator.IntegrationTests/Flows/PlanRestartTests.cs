using FutReindexOperator.IntegrationTests.Support;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.World;

namespace FutReindexOperator.IntegrationTests.Flows;

/// <summary>
/// A ReindexPlan whose operator process is killed mid-run (SIGKILL, no graceful shutdown) and started again: what only
/// a process shows. The plan's flows themselves are specified in-process (FutReindexOperator.Tests, InProcess/ReindexPlanTests).
/// </summary>
[Category("E2E")]
public sealed class PlanRestartTests
{
    private const string Plan = "fut";
    private static readonly string[] FutServices = ["careplan", "device", "library", "task", "terminology"];

    [Test]
    [CancelAfter(150_000)]
    public async Task An_operator_killed_mid_plan_finishes_it_after_restart_without_a_duplicate_child_or_an_unflagged_second_POST(CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(cancellationToken, simulator: PlanWorld.Servers(FutServices));
        await world.CreatePlanServicesAsync(FutServices, cancellationToken);
        foreach (var service in FutServices)
        {
            world.Simulator.Controls.SetServiceScript(service, JobScript.ByPolls([(ReindexJobState.InProgress, 4)]));
        }

        await world.CreatePlanAsync(Plan, new PlanTargets { Services = [.. FutServices] }, maxConcurrent: 2, cancellationToken: cancellationToken);
        await world.WaitForPlanAsync(Plan, plan => plan.Status?.Counts is { Succeeded: >= 1 }, cancellationToken);

        await world.Operator!.KillAsync();
        await world.StartOperatorAsync(cancellationToken);
        var plan = await world.WaitForPlanAsync(Plan, plan => plan.Status?.CompletionTime is not null, cancellationToken);

        plan.Status!.Phase.Should().Be(PlanPhase.Succeeded);
        var children = await world.ListChildrenAsync(Plan, cancellationToken);
        children.Should().HaveCount(5);
        world.Simulator.Controls.Counters.Submissions.Should().HaveCount(5);

        // A kill between a child's submission marker and its job id leaves the outcome unknown (the POST may or may not
        // have reached the server): the restarted operator sends it again, but only flagged. Any other child was
        // submitted exactly once.
        foreach (var child in children)
        {
            var service = child.Spec.Target.Service;
            var flagged = child.Status!.Submission!.DuplicatePossible;
            world.Simulator.Controls.Counters.Submissions[service].Should().BeInRange(1, flagged ? 2 : 1, $"{child.Metadata.Name} is {(flagged ? "" : "not ")}flagged DuplicatePossible");
        }
    }
}
