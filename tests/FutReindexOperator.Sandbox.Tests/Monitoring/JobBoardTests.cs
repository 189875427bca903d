using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Monitoring;
using k8s.Models;

namespace FutReindexOperator.Sandbox.Tests.Monitoring;

public sealed class JobBoardTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void Rows_BeforeAnyStatus_ShowEveryJobWithoutPhase()
    {
        var board = new JobBoard([("a", "organization"), ("b", "task")]);

        board.Rows.Select(row => (row.Name, row.Target, row.Phase)).Should().Equal(("a", "organization", (ReindexPhase?)null), ("b", "task", null));
        board.AllSettled.Should().BeFalse();
    }

    [Test]
    public void Update_RunningJob_ElapsedRunsFromCreation()
    {
        var board = new JobBoard([("a", "organization")]);

        board.Update([Job("a", ReindexPhase.Running, "7")], Created.AddSeconds(5));

        board.Rows.Single().Should().BeEquivalentTo(new { Phase = ReindexPhase.Running, JobId = "7", Elapsed = TimeSpan.FromSeconds(5) });
        board.Settled.Should().Be(0);
    }

    [Test]
    public void Update_CompletedJob_ElapsedStopsAtCompletion()
    {
        var board = new JobBoard([("a", "organization")]);

        board.Update([Job("a", ReindexPhase.Succeeded, "7", completedAfter: 3)], Created.AddSeconds(10));

        board.Rows.Single().Elapsed.Should().Be(TimeSpan.FromSeconds(3));
        board.AllSettled.Should().BeTrue();
    }

    [Test]
    public void Update_JobStalledAsExpected_IsSettledAndItsElapsedStops()
    {
        var board = new JobBoard([("fails-unknown-type", "organization")]);
        var stalled = Job("fails-unknown-type", ReindexPhase.Stalled, message: "invalid spec: spec.urls[0]: a FHIR R4 resource type; 'Foo' is not one");

        board.Update([stalled], Created.AddSeconds(2));
        board.Update([stalled], Created.AddSeconds(9));

        board.AllSettled.Should().BeTrue();
        board.Rows.Single().Elapsed.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Test]
    public void Update_JobStalledUnexpectedly_IsNotSettled()
    {
        var board = new JobBoard([("task", "task")]);

        board.Update([Job("task", ReindexPhase.Stalled, message: "token refused")], Created.AddSeconds(2));

        board.Settled.Should().Be(0);
        board.Results.Single().Met.Should().BeFalse();
    }

    [Test]
    public void Update_FailedJobExpectedToSucceed_IsSettledButNotMet()
    {
        var board = new JobBoard([("a", "organization")]);

        board.Update([Job("a", ReindexPhase.Failed, "7", completedAfter: 1)], Created.AddSeconds(2));

        board.AllSettled.Should().BeTrue();
        board.Results.Single().Met.Should().BeFalse();
    }

    [Test]
    public void Update_JobsNotOnTheBoard_AreIgnored()
    {
        var board = new JobBoard([("a", "organization")]);

        board.Update([Job("other", ReindexPhase.Running)], Created);

        board.Rows.Should().ContainSingle().Which.Name.Should().Be("a");
    }

    [Test]
    public void Update_ChildrenOfABoardPlan_JoinTheRowsByNameAfterTheInstalledJobs()
    {
        var board = new JobBoard([("a", "organization")], ["fut-services"]);

        board.Update([Child("fut-services-task", "fut-services", "task"), Job("a", ReindexPhase.Running), Child("fut-services-careplan", "fut-services", "careplan"), Child("x-task", "other-plan", "task")], Created);

        board.Rows.Select(row => (row.Name, row.Target)).Should().Equal(("a", "organization"), ("fut-services-careplan", "careplan"), ("fut-services-task", "task"));
    }

    [Test]
    public void AllSettled_WithEveryJobSettled_WaitsForThePlanToEnd()
    {
        var board = new JobBoard([], ["fut-services"]);
        board.Update([Child("fut-services-task", "fut-services", "task", ReindexPhase.Succeeded)], Created);

        board.Update([Plan(PlanPhase.Running)], Created.AddSeconds(4));
        var whileRunning = board.AllSettled;
        board.Update([Plan(PlanPhase.Succeeded, completedAfter: 5)], Created.AddSeconds(9));

        whileRunning.Should().BeFalse();
        board.AllSettled.Should().BeTrue();
        board.PlanResults.Single().Should().BeEquivalentTo(new { Met = true, Row = new { Name = "fut-services", Elapsed = TimeSpan.FromSeconds(5) } });
    }

    [Test]
    public void PlanResults_AFailedPlan_IsNotMet()
    {
        var board = new JobBoard([], ["fut-services"]);

        board.Update([Plan(PlanPhase.Failed, completedAfter: 1)], Created.AddSeconds(2));

        board.AllSettled.Should().BeTrue();
        board.PlanResults.Single().Met.Should().BeFalse();
    }

    private static ReindexPlan Plan(PlanPhase phase, int? completedAfter = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "fut-services", NamespaceProperty = "fut", CreationTimestamp = Created.UtcDateTime },
        Status = new ReindexPlanStatus
        {
            Phase = phase,
            Counts = new PlanCounts { Targets = 1, Succeeded = 1 },
            CompletionTime = completedAfter is { } seconds ? Created.AddSeconds(seconds) : null,
        },
    };

    private static ReindexJob Child(string name, string plan, string service, ReindexPhase phase = ReindexPhase.Running)
    {
        var job = Job(name, phase);
        job.Metadata.Labels = new Dictionary<string, string> { [ReindexPlan.PlanLabel] = plan };
        job.Spec.Target.Service = service;
        return job;
    }

    private static ReindexJob Job(string name, ReindexPhase phase, string? jobId = null, string? message = null, int? completedAfter = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "fut", CreationTimestamp = Created.UtcDateTime },
        Spec = new ReindexJobSpec { Target = new TargetSpec { Service = "organization" } },
        Status = new ReindexJobStatus
        {
            Phase = phase,
            JobId = jobId,
            Message = message,
            CompletionTime = completedAfter is { } seconds ? Created.AddSeconds(seconds) : null,
        },
    };
}
