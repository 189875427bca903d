using FutReindexOperator.Model;
using FutReindexOperator.Plans;
using FutReindexOperator.Runtime.Kubernetes;
using static FutReindexOperator.Tests.Plans.PlanWorld;

namespace FutReindexOperator.Tests.Plans;

public sealed class PlanDeciderTests
{
    private static readonly string[] Fut = ["careplan", "device", "organization", "task", "terminology"];

    private static string ChildOf(string service) => ChildNames.For("all", service);

    [Test]
    public void Decide_NewPlan_RecordsTheResolvedTargetsAndStartsOnlyMaxConcurrentChildren()
    {
        var world = new PlanWorld(NewPlan(services: ["task", "careplan", "device", "organization"], maxConcurrent: 2), Fut);

        world.Reconcile();

        var status = world.Plan.Status!;
        status.Targets.Should().Equal("task", "careplan", "device", "organization");
        status.Phase.Should().Be(PlanPhase.Running);
        status.StartTime.Should().Be(T0);
        world.ChildWrites.Select(write => write.Name).Should().Equal(ChildOf("task"), ChildOf("careplan"));
        status.Children.Select(row => row.Phase).Should().Equal(PlanChildPhase.Starting, PlanChildPhase.Starting, PlanChildPhase.Waiting, PlanChildPhase.Waiting);
        status.Counts.Should().Be(new PlanCounts { Targets = 4, Running = 2, Waiting = 2 });
        world.Events.Should().ContainSingle(e => e.Reason == "Started").Which.Note.Should().Contain("4 Services").And.Contain("at most 2 at a time");
    }

    [Test]
    public void Decide_Selector_TargetsTheMatchingServicesByName()
    {
        var world = new PlanWorld(NewPlan(selector: new ServiceSelector { MatchLabels = new Dictionary<string, string> { ["fhir.fut.dk/reindex"] = "true" } }));
        world.AddService("task", ("fhir.fut.dk/reindex", "true"));
        world.AddService("careplan", ("fhir.fut.dk/reindex", "true"));
        world.AddService("patient", ("fhir.fut.dk/reindex", "false"));

        world.Reconcile();

        world.Plan.Status!.Targets.Should().Equal("careplan", "task");
    }

    [Test]
    public void Decide_ListAndSelector_TargetTheUnionNamedFirst()
    {
        var world = new PlanWorld(NewPlan(services: ["task"], selector: new ServiceSelector
        {
            MatchExpressions = [new SelectorRequirement { Key = "tier", Operator = SelectorOperator.In, Values = ["fhir"] }],
        }));
        world.AddService("task", ("tier", "fhir"));
        world.AddService("device", ("tier", "fhir"));

        world.Reconcile();

        world.Plan.Status!.Targets.Should().Equal("task", "device");
    }

    [Test]
    public void Decide_Child_IsOwnedByThePlanAsItsController()
    {
        var world = new PlanWorld(NewPlan(services: ["task"]), "task");

        world.Reconcile();

        var child = world.Jobs[ChildOf("task")];
        child.Metadata.OwnerReferences.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Kind = ReindexPlan.KindName,
            Name = "all",
            Uid = "plan-uid",
            Controller = (bool?)true,
            BlockOwnerDeletion = (bool?)true,
        });
        child.Metadata.Labels.Should().Contain(ReindexPlan.PlanLabel, "all");
        child.Spec.Target.Service.Should().Be("task");
        child.Spec.Urls.Should().Equal("Organization?");
    }

    [Test]
    public void Decide_ChildEnds_StartsTheNextWaitingTargetAndRecordsTheJobId()
    {
        var world = new PlanWorld(NewPlan(services: ["task", "device"], maxConcurrent: 1), Fut);
        world.Reconcile();

        world.Move(ChildOf("task"), ReindexPhase.Succeeded, jobId: "job-1");
        world.Reconcile();

        world.Row("task").Should().BeEquivalentTo(new { Phase = PlanChildPhase.Succeeded, JobId = "job-1" });
        world.Row("device").Phase.Should().Be(PlanChildPhase.Starting);
        world.Events.Should().Contain(e => e.Reason == "ChildSucceeded" && e.Note.Contains("job-1"));
    }

    [Test]
    public void Decide_AllChildrenSucceed_CompletesWithConditionsForKubectlWait()
    {
        var world = new PlanWorld(NewPlan(services: ["task", "device"]), Fut);
        world.Reconcile();
        world.Move(ChildOf("task"), ReindexPhase.Succeeded);
        world.Move(ChildOf("device"), ReindexPhase.Succeeded);
        world.Now = T0.AddMinutes(5);

        world.Reconcile();

        var status = world.Plan.Status!;
        status.Phase.Should().Be(PlanPhase.Succeeded);
        status.CompletionTime.Should().Be(T0.AddMinutes(5));
        status.Conditions.Should().ContainSingle(c => c.Type == ReindexConditions.Complete).Which.Status.Should().Be("True");
        status.Conditions.Should().ContainSingle(c => c.Type == ReindexConditions.Ready).Which.Status.Should().Be("True");
        status.Conditions.Should().ContainSingle(c => c.Type == ReindexConditions.Failed).Which.Status.Should().Be("False");
        world.Events.Should().ContainSingle(e => e.Reason == "Completed");
    }

    [Test]
    public void Decide_FailingChildUnderContinue_TriesEveryTargetAndEndsFailed()
    {
        var world = new PlanWorld(NewPlan(services: ["task", "device", "organization"], maxConcurrent: 1), Fut);
        world.Reconcile();
        world.Move(ChildOf("task"), ReindexPhase.Failed);
        world.Reconcile();
        world.Move(ChildOf("device"), ReindexPhase.Succeeded);
        world.Reconcile();
        world.Move(ChildOf("organization"), ReindexPhase.Succeeded);

        world.Reconcile();

        var status = world.Plan.Status!;
        status.Phase.Should().Be(PlanPhase.Failed);
        status.Counts.Should().Be(new PlanCounts { Targets = 3, Succeeded = 2, Failed = 1 });
        status.Message.Should().Contain("task (Failed)");
        status.Conditions.Should().ContainSingle(c => c.Type == ReindexConditions.Failed).Which.Status.Should().Be("True");
        world.Events.Should().Contain(e => e.Reason == "ChildFailed" && e.Type == EventSeverity.Warning);
    }

    [Test]
    public void Decide_FailingChildUnderStopOnFirstFailure_StartsNoOtherChildAndSkipsTheRest()
    {
        var world = new PlanWorld(NewPlan(services: ["task", "device", "organization"], maxConcurrent: 2, policy: PlanFailurePolicy.StopOnFirstFailure), Fut);
        world.Reconcile();
        world.Move(ChildOf("task"), ReindexPhase.Failed);

        world.Reconcile();

        world.ChildWrites.Should().HaveCount(2);
        world.Plan.Status!.Phase.Should().Be(PlanPhase.Running, "device still runs");
        world.Move(ChildOf("device"), ReindexPhase.Succeeded);
        world.Reconcile();
        world.ChildWrites.Should().HaveCount(2);
        world.Plan.Status!.Phase.Should().Be(PlanPhase.Failed);
        world.Row("organization").Phase.Should().Be(PlanChildPhase.Skipped);
        world.Plan.Status.Counts!.Skipped.Should().Be(1);
    }

    [Test]
    public void Decide_MissingNamedService_StartsNothingAndStallsNamingTheField()
    {
        var world = new PlanWorld(NewPlan(services: ["task", "nosuch"]), Fut);

        var decision = world.Reconcile()!;

        world.ChildWrites.Should().BeEmpty();
        world.Plan.Status!.Phase.Should().Be(PlanPhase.Stalled);
        world.Plan.Status.Message.Should().Contain("spec.targets.services[1]: Service 'nosuch' does not exist in namespace 'fut'");
        world.Plan.Status.Conditions.Should().ContainSingle(c => c.Type == ReindexConditions.Stalled).Which.Reason.Should().Be("TargetsNotFound");
        world.Events.Should().ContainSingle().Which.Type.Should().Be(EventSeverity.Warning);
        decision.RequeueAfter.Should().Be(PlanDecider.StartRetry);
    }

    [Test]
    public void Decide_MissingServiceAppears_TheRunStarts()
    {
        var world = new PlanWorld(NewPlan(services: ["task"]));
        world.Reconcile();

        world.AddService("task");
        world.Reconcile();

        world.Plan.Status!.Phase.Should().Be(PlanPhase.Running);
        world.ChildWrites.Should().ContainSingle();
    }

    [Test]
    public void Decide_StalledAgainForTheSameReason_DoesNotRepeatTheEvent()
    {
        var world = new PlanWorld(NewPlan(services: ["nosuch"]));
        world.Reconcile();

        world.Reconcile();

        world.Events.Should().ContainSingle();
    }

    [Test]
    public void Decide_SelectorMatchingNothing_StallsSayingSo()
    {
        var world = new PlanWorld(NewPlan(selector: new ServiceSelector { MatchLabels = new Dictionary<string, string> { ["x"] = "y" } }), Fut);

        world.Reconcile();

        world.Plan.Status!.Message.Should().Contain("spec.targets.selector: matches no Service in namespace 'fut'");
        world.ChildWrites.Should().BeEmpty();
    }

    [Test]
    public void Decide_NoTargetsAtAll_IsAnInvalidSpec()
    {
        var world = new PlanWorld(NewPlan(), Fut);

        var decision = world.Reconcile()!;

        world.Plan.Status!.Message.Should().Contain("spec.targets: a list of services, a selector, or both");
        decision.RequeueAfter.Should().BeNull("only a spec change can help");
    }

    [Test]
    public void Decide_InvalidTemplate_StallsNamingTheTemplateField()
    {
        var world = new PlanWorld(NewPlan(services: ["task"], template: spec => spec.Urls = ["Foo?"]), Fut);

        world.Reconcile();

        world.Plan.Status!.Message.Should().Contain("spec.template.urls[0]: a FHIR R4 resource type; 'Foo' is not one");
        world.Plan.Status.Conditions.Should().ContainSingle(c => c.Type == ReindexConditions.Stalled).Which.Reason.Should().Be("InvalidSpec");
        world.ChildWrites.Should().BeEmpty();
    }

    [Test]
    public void Decide_InSelectorWithoutValues_IsAnInvalidSpec()
    {
        var world = new PlanWorld(NewPlan(selector: new ServiceSelector { MatchExpressions = [new SelectorRequirement { Key = "a", Operator = SelectorOperator.In }] }), Fut);

        world.Reconcile();

        world.Plan.Status!.Message.Should().Contain("spec.targets.selector.matchExpressions[0].values: at least one value for In");
    }

    [Test]
    public void Decide_ChildNameHeldByAnotherObject_StartsNoChildAtAll()
    {
        var world = new PlanWorld(NewPlan(services: ["task", "device"]), Fut);
        world.AddForeignJob(ChildOf("device"));

        world.Reconcile();

        world.ChildWrites.Should().BeEmpty();
        world.Plan.Status!.Phase.Should().Be(PlanPhase.Stalled);
        world.Plan.Status.Message.Should().Contain($"the child name '{ChildOf("device")}' for Service 'device' is held by a ReindexJob this plan does not control");
    }

    [Test]
    public void Decide_ChildCreatedButCacheLags_NeverCreatesASecondOne()
    {
        var world = new PlanWorld(NewPlan(services: ["task"]), Fut);
        world.Reconcile();
        var created = world.Jobs[ChildOf("task")];
        world.Jobs.Clear();

        var decision = world.Reconcile()!;

        decision.ChildActions.Should().ContainSingle().Which.Should().BeOfType<PlanChildAction.Create>().Which.Name.Should().Be(created.Metadata.Name);
        world.Jobs[ChildOf("task")] = created;
        world.Reconcile();
        world.Row("task").Uid.Should().Be(created.Metadata.Uid);
    }

    [Test]
    public void Decide_RerunUnderStopOnFirstFailureWithALaggingCache_WritesNoChildAfterTheFailureIsRecorded()
    {
        // A rerun's waiting rows have no uid, but the cache showed their children in the run before: they do not lag,
        // so a child is rerun in the reconcile that starts it, and nothing of the run is written after a failure.
        var world = new PlanWorld(NewPlan(services: ["careplan", "device", "library"], maxConcurrent: 2, policy: PlanFailurePolicy.StopOnFirstFailure), "careplan", "device", "library");
        world.Reconcile();
        world.Move(ChildOf("careplan"), ReindexPhase.Succeeded);
        world.Move(ChildOf("device"), ReindexPhase.Succeeded);
        world.Reconcile();
        world.Move(ChildOf("library"), ReindexPhase.Succeeded);
        world.Reconcile();
        world.RequestRerun("r1");
        world.Reconcile();
        world.Move(ChildOf("careplan"), ReindexPhase.Succeeded);
        world.ReconcileWithLaggingCache(name => name == ChildOf("library"));
        world.Move(ChildOf("device"), ReindexPhase.Failed);
        world.ReconcileWithLaggingCache(name => name == ChildOf("library"));
        var writesSoFar = world.ChildWrites.Count;

        world.Reconcile();

        world.Row("device").Phase.Should().Be(PlanChildPhase.Failed);
        world.ChildWrites.Skip(writesSoFar).Should().BeEmpty();
        world.ChildWrites.Skip(3).Should().Equal((ChildOf("careplan"), "rerun", "r1"), (ChildOf("device"), "rerun", "r1"), (ChildOf("library"), "rerun", "r1"));
    }

    [Test]
    public void Decide_SeenChildDeleted_CountsAsFailedAndIsNotRecreated()
    {
        var world = new PlanWorld(NewPlan(services: ["task"]), Fut);
        world.Reconcile();
        world.Reconcile();
        world.Jobs.Remove(ChildOf("task"));

        world.Reconcile();

        world.Row("task").Phase.Should().Be(PlanChildPhase.Deleted);
        world.ChildWrites.Should().ContainSingle();
        world.Plan.Status!.Phase.Should().Be(PlanPhase.Failed);
    }

    [Test]
    public void Decide_StalePlanCopy_ItsStartsAreRefusedByTheStatusLock()
    {
        var world = new PlanWorld(NewPlan(services: ["task", "device"], maxConcurrent: 1), Fut);
        var stale = Copy(world.Plan, world.Plan.Status);
        var staleVersion = world.PlanVersion;
        world.Reconcile();

        world.Reconcile(stale, staleVersion).Should().BeNull();

        world.ChildWrites.Should().ContainSingle();
    }

    [Test]
    public void Decide_Rerun_ReresolvesTargetsAndRerunsExistingChildrenInPlace()
    {
        var world = new PlanWorld(NewPlan(services: ["task"], selector: new ServiceSelector { MatchLabels = new Dictionary<string, string> { ["r"] = "y" } }), "task");
        world.AddService("device", ("r", "y"));
        world.Reconcile();
        world.Move(ChildOf("task"), ReindexPhase.Succeeded, "job-1");
        world.Move(ChildOf("device"), ReindexPhase.Succeeded, "job-2");
        world.Reconcile();
        world.AddService("library", ("r", "y"));

        world.RequestRerun("again");
        world.Reconcile();

        var status = world.Plan.Status!;
        status.Targets.Should().Equal("task", "device", "library");
        status.LastHandledRerun.Should().Be("again");
        status.CompletionTime.Should().BeNull();
        world.ChildWrites.Skip(2).Should().Equal((ChildOf("task"), "rerun", "again"), (ChildOf("device"), "rerun", "again"), (ChildOf("library"), "create", "again"));
        world.Jobs[ChildOf("task")].Status!.JobId.Should().Be("job-1", "a child keeps its last run's outcome until its own rerun starts");
        world.Events.Should().Contain(e => e.Reason == "Started" && e.Note.Contains("rerun 'again'"));
    }

    [Test]
    public void Decide_RerunnedChildStillShowingItsLastRun_IsStartingNotSucceeded()
    {
        var world = new PlanWorld(NewPlan(services: ["task"]), Fut);
        world.Reconcile();
        world.Move(ChildOf("task"), ReindexPhase.Succeeded);
        world.Reconcile();

        world.RequestRerun("2");
        world.Reconcile();
        world.Reconcile();

        world.Row("task").Phase.Should().Be(PlanChildPhase.Starting);
        world.Plan.Status!.Phase.Should().Be(PlanPhase.Running);
        world.Move(ChildOf("task"), ReindexPhase.Succeeded);
        world.Reconcile();
        world.Plan.Status!.Phase.Should().Be(PlanPhase.Succeeded);
    }

    [Test]
    public void Decide_RerunDuringARun_WaitsForTheRunToEnd()
    {
        var world = new PlanWorld(NewPlan(services: ["task"]), Fut);
        world.Reconcile();

        world.RequestRerun("2");
        world.Reconcile();

        world.Plan.Status!.Message.Should().Contain("Rerun '2' starts when this run ends");
        world.Plan.Status.LastHandledRerun.Should().BeNull();
        world.ChildWrites.Should().ContainSingle();
    }

    [Test]
    public void Decide_PlanCreatedWithARerunToken_GivesItsChildrenTheToken()
    {
        var plan = NewPlan(services: ["task"]);
        plan.Metadata.Annotations = new Dictionary<string, string> { [ReindexJob.RerunAnnotation] = "first" };
        var world = new PlanWorld(plan, Fut);

        world.Reconcile();
        world.Move(ChildOf("task"), ReindexPhase.Succeeded);
        world.Reconcile();

        world.Jobs[ChildOf("task")].RerunToken.Should().Be("first");
        world.Plan.Status!.Phase.Should().Be(PlanPhase.Succeeded);
    }

    [Test]
    public void Decide_StalledChild_SetsTheStalledConditionWhileTheRunGoesOn()
    {
        var world = new PlanWorld(NewPlan(services: ["task"]), Fut);
        world.Reconcile();
        world.Move(ChildOf("task"), ReindexPhase.Stalled);

        world.Reconcile();

        var status = world.Plan.Status!;
        status.Conditions.Should().ContainSingle(c => c.Type == ReindexConditions.Stalled).Which.Should().BeEquivalentTo(new { Status = "True", Reason = "ChildStalled" });
        status.Message.Should().Contain("Needing attention (Stalled): task");
        status.Counts!.Running.Should().Be(1);
    }

    [Test]
    public void Decide_EndedPlan_WritesNothingNewOnLaterPasses()
    {
        var world = new PlanWorld(NewPlan(services: ["task"]), Fut);
        world.Reconcile();
        world.Move(ChildOf("task"), ReindexPhase.Succeeded);
        world.Reconcile();
        var version = world.PlanVersion;
        world.Now = T0.AddHours(1);

        world.Reconcile();

        world.PlanVersion.Should().Be(version);
    }

    [Test]
    public void WantsServices_OnlyWhenARunMayStart()
    {
        var world = new PlanWorld(NewPlan(services: ["task"]), Fut);
        PlanDecider.WantsServices(world.Plan).Should().BeTrue();
        world.Reconcile();

        PlanDecider.WantsServices(world.Plan).Should().BeFalse();
    }
}
