using System.Net;
using FutReindexOperator.Model;
using FutReindexOperator.Plans;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.World;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// ReindexPlans run by the operator: one child ReindexJob per target Service (each Service in front of its own
/// simulated HAPI server), a few at a time, owned by the plan.
/// </summary>
public sealed class ReindexPlanTests
{
    private const string Plan = "fut";
    private static readonly string[] FutServices = ["careplan", "device", "library", "task", "terminology"];

    [Test]
    [CancelAfter(120_000)]
    public async Task A_plan_over_a_list_runs_every_target_to_Complete_never_more_than_maxConcurrentTargets_at_once_and_kubectl_wait_returns(CancellationToken cancellationToken)
    {
        await using var world = await StartAsync(cancellationToken);
        foreach (var service in FutServices)
        {
            world.Simulator.Controls.SetServiceScript(service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));
        }

        await world.CreatePlanAsync(Plan, new PlanTargets { Services = [.. FutServices] }, maxConcurrent: 2, cancellationToken: cancellationToken);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var samples = SampleRunningChildrenAsync(world, sampling.Token);
        var wait = await Kubectl.RunAsync(world.KubeconfigPath, cancellationToken, "wait", "--for=condition=Complete", $"reindexplan/{Plan}", "--timeout=90s");
        await sampling.CancelAsync();
        var running = await samples;

        wait.ExitCode.Should().Be(0, wait.Output + world.OutputTail());
        wait.Output.Should().Contain("condition met");
        running.Should().NotBeEmpty().And.OnlyContain(count => count <= 2);
        running.Max().Should().Be(2, "capacity is used");
        var plan = await world.GetPlanAsync(Plan, cancellationToken);
        plan.Status!.Phase.Should().Be(PlanPhase.Succeeded);
        plan.Status.Targets.Should().Equal(FutServices);
        plan.Status.Counts.Should().Be(new PlanCounts { Targets = 5, Succeeded = 5 });
        plan.Status.Children.Should().OnlyContain(row => row.Phase == PlanChildPhase.Succeeded && row.JobId != null);
        plan.Status.CompletionTime.Should().NotBeNull();
        foreach (var service in FutServices)
        {
            world.Simulator.Controls.Counters.Submissions[service].Should().Be(1, $"one child, one POST, for {service}");
            var child = await world.GetJobAsync(ChildNames.For(Plan, service), cancellationToken);
            child.Metadata.OwnerReferences.Should().ContainSingle(owner => owner.Kind == ReindexPlan.KindName && owner.Controller == true && owner.Uid == plan.Metadata.Uid);
        }

        var events = await world.WaitForEventAsync(Plan, "Completed", cancellationToken);
        events.Select(item => item.Reason).Should().Contain(["Started", "ChildSucceeded", "Completed"]);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_plan_over_a_selector_reindexes_exactly_the_labelled_services(CancellationToken cancellationToken)
    {
        await using var world = await StartAsync(cancellationToken, labelled: ["careplan", "task", "terminology"]);

        await world.CreatePlanAsync(Plan, new PlanTargets { Selector = new ServiceSelector { MatchLabels = new Dictionary<string, string> { [PlanWorld.ReindexLabel] = "true" } } }, cancellationToken: cancellationToken);
        var plan = await world.WaitForPlanAsync(Plan, plan => plan.Status?.CompletionTime is not null, cancellationToken);

        plan.Status!.Phase.Should().Be(PlanPhase.Succeeded);
        plan.Status.Targets.Should().Equal("careplan", "task", "terminology");
        world.Simulator.Controls.Counters.Submissions.Keys.Should().BeEquivalentTo("careplan", "task", "terminology");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_failing_child_under_Continue_fails_the_plan_after_every_target_was_tried(CancellationToken cancellationToken)
    {
        await using var world = await StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript("device", JobScript.ByPolls([(ReindexJobState.InProgress, 1)], final: ReindexJobState.Failed, errorMessage: JobScript.DefaultFailureMessage));

        await world.CreatePlanAsync(Plan, new PlanTargets { Services = [.. FutServices] }, maxConcurrent: 1, cancellationToken: cancellationToken);
        var plan = await world.WaitForPlanAsync(Plan, plan => plan.Status?.CompletionTime is not null, cancellationToken);

        plan.Status!.Phase.Should().Be(PlanPhase.Failed);
        plan.Status.Counts.Should().Be(new PlanCounts { Targets = 5, Succeeded = 4, Failed = 1 });
        plan.Status.Conditions.Should().Contain(condition => condition.Type == ReindexConditions.Failed && condition.Status == "True");
        plan.Status.Children.Single(row => row.Service == "device").Phase.Should().Be(PlanChildPhase.Failed);
        world.Simulator.Controls.Counters.Submissions.Keys.Should().BeEquivalentTo(FutServices);
        (await world.WaitForEventAsync(Plan, "ChildFailed", cancellationToken)).Should().Contain(item => item.Type == "Warning" && item.Note.Contains("device"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_failing_child_under_StopOnFirstFailure_starts_no_other_child_and_the_rest_are_skipped(CancellationToken cancellationToken)
    {
        await using var world = await StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript("careplan", JobScript.ByPolls([(ReindexJobState.InProgress, 1)], final: ReindexJobState.Failed, errorMessage: JobScript.DefaultFailureMessage));

        await world.CreatePlanAsync(Plan, new PlanTargets { Services = [.. FutServices] }, maxConcurrent: 1, policy: PlanFailurePolicy.StopOnFirstFailure, cancellationToken: cancellationToken);
        var plan = await world.WaitForPlanAsync(Plan, plan => plan.Status?.CompletionTime is not null, cancellationToken);

        plan.Status!.Phase.Should().Be(PlanPhase.Failed);
        plan.Status.Counts.Should().Be(new PlanCounts { Targets = 5, Failed = 1, Skipped = 4 });
        world.Simulator.Controls.Counters.Submissions.Keys.Should().Equal("careplan");
        var children = await world.ListChildrenAsync(Plan, cancellationToken);
        children.Select(child => child.Metadata.Name).Should().Equal(ChildNames.For(Plan, "careplan"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_plan_deleted_mid_run_has_its_children_deleted_by_garbage_collection_and_polling_stops(CancellationToken cancellationToken)
    {
        await using var world = await StartAsync(cancellationToken);
        foreach (var service in FutServices)
        {
            world.Simulator.Controls.SetServiceScript(service, JobScript.StuckIn(ReindexJobState.InProgress));
        }

        await world.CreatePlanAsync(Plan, new PlanTargets { Services = [.. FutServices] }, maxConcurrent: 2, cancellationToken: cancellationToken);
        await world.WaitForPlanAsync(Plan, plan => plan.Status?.Children.Count(row => row.JobId is not null) == 2, cancellationToken);

        await world.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ReindexJob.ApiGroup, ReindexJob.ApiVersionName, InProcessWorld.Namespace, ReindexPlan.Plural, Plan, cancellationToken: cancellationToken);
        await Eventually.UntilAsync(
            async token => await world.ListChildrenAsync(Plan, token),
            children => children.Count == 0,
            cancellationToken,
            InProcessWorld.OperatorReaction,
            TimeSpan.FromMilliseconds(100),
            what: "the plan's children are deleted by garbage collection");

        // Polling stops: once the operator has seen both deletions, the count of status requests stays where it is.
        await Eventually.UntilAsync(
            _ => Task.FromResult(world.OperatorOutput.Count(line => line.Contains("was deleted; nothing is sent", StringComparison.Ordinal))),
            deletions => deletions >= 2,
            cancellationToken,
            InProcessWorld.OperatorReaction,
            TimeSpan.FromMilliseconds(100),
            what: "the operator has seen both children deleted");
        var polls = world.Simulator.Controls.Counters.Polls.Values.Sum();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        world.Simulator.Controls.Counters.Polls.Values.Sum().Should().Be(polls);
        world.Simulator.Controls.Counters.Submissions.Values.Sum().Should().Be(2, "no child started after the plan was deleted");
    }

    [Test]
    [CancelAfter(150_000)]
    public async Task A_rerun_reresolves_the_targets_and_runs_every_child_again(CancellationToken cancellationToken)
    {
        await using var world = await StartAsync(cancellationToken, labelled: ["careplan", "task"]);
        await world.CreatePlanAsync(Plan, new PlanTargets { Selector = new ServiceSelector { MatchLabels = new Dictionary<string, string> { [PlanWorld.ReindexLabel] = "true" } } }, cancellationToken: cancellationToken);
        var first = await world.WaitForPlanAsync(Plan, plan => plan.Status?.CompletionTime is not null, cancellationToken);
        await world.Client.CoreV1.PatchNamespacedServiceAsync(
            new V1Patch(new { metadata = new { labels = new Dictionary<string, string> { [PlanWorld.ReindexLabel] = "true" } } }, V1Patch.PatchType.MergePatch),
            "library", InProcessWorld.Namespace, cancellationToken: cancellationToken);

        await world.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(new { metadata = new { annotations = new Dictionary<string, string> { [ReindexJob.RerunAnnotation] = "after-upgrade" } } }, V1Patch.PatchType.MergePatch),
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, InProcessWorld.Namespace, ReindexPlan.Plural, Plan, cancellationToken: cancellationToken);
        var second = await world.WaitForPlanAsync(Plan, plan => plan.Status is { LastHandledRerun: "after-upgrade", CompletionTime: not null }, cancellationToken);

        first.Status!.Targets.Should().Equal("careplan", "task");
        second.Status!.Phase.Should().Be(PlanPhase.Succeeded);
        second.Status.Targets.Should().Equal("careplan", "library", "task");
        second.Status.StartTime.Should().BeAfter(first.Status.CompletionTime!.Value.AddSeconds(-1));
        world.Simulator.Controls.Counters.Submissions.Should().BeEquivalentTo(new Dictionary<string, int> { ["careplan"] = 2, ["task"] = 2, ["library"] = 1 });
        (await world.ListChildrenAsync(Plan, cancellationToken)).Should().HaveCount(3);
    }

    /// <summary>
    /// The plan controller is served by the same runtime: a hand edit of a plan's status wakes it at once too (an ended
    /// plan moves nothing; one whose end was removed is found ended again from its children).
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task A_succeeded_plans_end_removed_by_hand_with_kubectl_patch_is_found_again_within_seconds_without_a_new_child(CancellationToken cancellationToken)
    {
        await using var world = await StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript("careplan", JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        await world.CreatePlanAsync(Plan, new PlanTargets { Services = ["careplan"] }, maxConcurrent: 1, cancellationToken: cancellationToken);
        var succeeded = await world.WaitForPlanAsync(Plan, plan => plan.Status?.Phase == PlanPhase.Succeeded, cancellationToken);

        var edit = await Kubectl.RunAsync(
            world.KubeconfigPath, cancellationToken, "patch", "reindexplan", Plan, "--subresource=status", "--type=merge", "-p", """{"status":{"phase":"Running","completionTime":null}}""");

        edit.ExitCode.Should().Be(0, edit.Output);
        var repaired = await Eventually.UntilAsync(
            async token => await world.GetPlanAsync(Plan, token),
            plan => plan.Status is { Phase: PlanPhase.Succeeded, CompletionTime: not null } && plan.Metadata.ResourceVersion != succeeded.Metadata.ResourceVersion,
            cancellationToken,
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(50),
            what: "the plan's end removed by hand is found again");
        repaired.Status!.Counts.Should().Be(new PlanCounts { Targets = 1, Succeeded = 1 });
        repaired.Status.Children.Should().ContainSingle().Which.JobId.Should().Be(succeeded.Status!.Children.Single().JobId);
        (await world.ListChildrenAsync(Plan, cancellationToken)).Should().ContainSingle();
        world.Simulator.Controls.Counters.Submissions["careplan"].Should().Be(1);
    }

    /// <summary>The world with one simulated HAPI server per FUT service behind its own Service (each job done after one poll); <paramref name="labelled"/> carry fhir.fut.dk/reindex=true.</summary>
    private static async Task<InProcessWorld> StartAsync(CancellationToken cancellationToken, string[]? labelled = null)
    {
        var world = await InProcessWorld.StartAsync(cancellationToken, simulator: PlanWorld.Servers(FutServices));
        try
        {
            await world.CreatePlanServicesAsync(FutServices, cancellationToken, labelled);
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }

        return world;
    }

    /// <summary>Until cancelled, counts every 50 ms the plan's children that exist and have not ended.</summary>
    private static async Task<List<int>> SampleRunningChildrenAsync(InProcessWorld world, CancellationToken cancellationToken)
    {
        var samples = new List<int>();
        try
        {
            while (true)
            {
                var children = await world.ListChildrenAsync(Plan, cancellationToken);
                samples.Add(children.Count(child => child.Status?.Phase is not { } phase || !phase.IsTerminal()));
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpOperationException { Response.StatusCode: HttpStatusCode.ServiceUnavailable })
        {
            return samples;
        }
    }
}
