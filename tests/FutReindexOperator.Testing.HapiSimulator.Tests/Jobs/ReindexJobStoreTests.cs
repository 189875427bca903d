using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Validation;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Jobs;

public sealed class ReindexJobStoreTests
{
    private static readonly ReindexRequest OrganizationRequest = new(["Organization?"], "ALL", "NONE", true, "NONE", 500, []);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 16, 11, 27, 1, TimeSpan.Zero));

    [Test]
    public void Create_NewJob_IsQueuedWithTheRequestedTypes()
    {
        var store = Store(JobScript.Completes(5));

        var job = store.Create("organization", OrganizationRequest);

        job.State.Should().Be(ReindexJobState.Queued);
        job.JobDefinitionId.Should().Be("REINDEX");
        job.ResourcesChanged.Should().Equal(new Dictionary<string, int> { ["Organization"] = 5 });
        job.CreatedAt.Should().Be(_clock.GetUtcNow());
    }

    [Test]
    public void RunMaintenance_ZeroDurations_MovesOneStatePerPass()
    {
        var store = Store(JobScript.Completes());
        var id = store.Create("organization", OrganizationRequest).Id;

        var states = Enumerable.Range(0, 4).Select(_ =>
        {
            store.RunMaintenance();
            return store.Get(id)!.State;
        }).ToList();

        states.Should().Equal(ReindexJobState.InProgress, ReindexJobState.Finalize, ReindexJobState.Completed, ReindexJobState.Completed);
    }

    [Test]
    public void RunMaintenance_BeforeThePhaseDurationHasPassed_KeepsTheState()
    {
        var store = Store(JobScript.Completes(inProgressFor: TimeSpan.FromMinutes(2)));
        var id = store.Create("organization", OrganizationRequest).Id;
        store.RunMaintenance();

        _clock.Advance(TimeSpan.FromSeconds(119));
        store.RunMaintenance();
        var before = store.Get(id)!.State;
        _clock.Advance(TimeSpan.FromSeconds(1));
        store.RunMaintenance();

        before.Should().Be(ReindexJobState.InProgress);
        store.Get(id)!.State.Should().Be(ReindexJobState.Finalize);
    }

    [Test]
    public void RunMaintenance_CompletedJob_RecordsStartAndEnd()
    {
        var store = Store(JobScript.Completes(inProgressFor: TimeSpan.FromMinutes(4)));
        var id = store.Create("organization", OrganizationRequest).Id;
        _clock.Advance(TimeSpan.FromSeconds(3));
        store.RunMaintenance();
        var startedAt = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(4));
        store.RunMaintenance();
        store.RunMaintenance();

        var job = store.Get(id)!;
        job.State.Should().Be(ReindexJobState.Completed);
        job.StartedAt.Should().Be(startedAt);
        job.EndedAt.Should().Be(startedAt.AddMinutes(4));
    }

    [Test]
    public void RunMaintenance_FailingScript_EndsFailedWithTheMessage()
    {
        var store = Store(JobScript.Fails("HAPI-9999: disk full"));
        var id = store.Create("organization", OrganizationRequest).Id;

        store.RunMaintenance();
        store.RunMaintenance();

        var job = store.Get(id)!;
        job.State.Should().Be(ReindexJobState.Failed);
        job.ErrorMessage.Should().Be("HAPI-9999: disk full");
    }

    [Test]
    public void RunMaintenance_ErrorsThenCompletes_ShowsErroredForItsDurationThenCompletes()
    {
        var store = Store(JobScript.ErrorsThenCompletes("transient", TimeSpan.FromMinutes(3)));
        var id = store.Create("organization", OrganizationRequest).Id;
        store.RunMaintenance();
        store.RunMaintenance();
        var errored = store.Get(id)!;

        _clock.Advance(TimeSpan.FromMinutes(3));
        store.RunMaintenance();

        errored.State.Should().Be(ReindexJobState.Errored);
        errored.ErrorMessage.Should().Be("transient");
        store.Get(id)!.State.Should().Be(ReindexJobState.Completed);
        store.Get(id)!.ErrorMessage.Should().BeNull();
    }

    [Test]
    public void RunMaintenance_ErrorsThenFails_EndsFailed()
    {
        var store = Store(JobScript.ErrorsThenFails("broken"));
        var id = store.Create("organization", OrganizationRequest).Id;

        for (var pass = 0; pass < 5; pass++)
        {
            store.RunMaintenance();
        }

        store.Get(id)!.State.Should().Be(ReindexJobState.Failed);
        store.Get(id)!.ErrorMessage.Should().Be("broken");
    }

    [TestCase(ReindexJobState.Queued)]
    [TestCase(ReindexJobState.InProgress)]
    [TestCase(ReindexJobState.Finalize)]
    [TestCase(ReindexJobState.Errored)]
    public void RunMaintenance_StuckScript_NeverLeavesTheState(ReindexJobState state)
    {
        var store = Store(JobScript.StuckIn(state));
        var id = store.Create("organization", OrganizationRequest).Id;

        for (var pass = 0; pass < 10; pass++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            store.RunMaintenance();
        }

        store.Get(id)!.State.Should().Be(state);
    }

    [Test]
    public void Poll_PollDrivenScript_AdvancesAfterTheGivenPolls()
    {
        var store = Store(JobScript.ByPolls([(ReindexJobState.Queued, 1), (ReindexJobState.InProgress, 2)]));
        var id = store.Create("organization", OrganizationRequest).Id;

        var seen = Enumerable.Range(0, 5).Select(_ => store.Poll("organization", id)!.State).ToList();

        seen.Should().Equal(ReindexJobState.Queued, ReindexJobState.InProgress, ReindexJobState.InProgress, ReindexJobState.Completed, ReindexJobState.Completed);
        store.Get(id)!.PollCount.Should().Be(5);
    }

    [Test]
    public void Poll_OtherService_ReturnsNull()
    {
        var store = Store(JobScript.Completes());
        var id = store.Create("organization", OrganizationRequest).Id;

        store.Poll("careplan", id).Should().BeNull();
    }

    [Test]
    public void RequestCancel_RunningJob_IsCancelledAtTheNextPass()
    {
        var store = Store(JobScript.StuckIn(ReindexJobState.InProgress));
        var id = store.Create("organization", OrganizationRequest).Id;
        store.RunMaintenance();

        store.RequestCancel(id).Should().BeTrue();
        var beforePass = store.Get(id)!;
        store.RunMaintenance();

        beforePass.State.Should().Be(ReindexJobState.InProgress);
        beforePass.CancelRequested.Should().BeTrue();
        store.Get(id)!.State.Should().Be(ReindexJobState.Cancelled);
    }

    [Test]
    public void RequestCancel_EndedJob_IsRefused()
    {
        var store = Store(JobScript.Of(JobPhase.Forever(ReindexJobState.Completed)));
        var id = store.Create("organization", OrganizationRequest).Id;

        store.RequestCancel(id).Should().BeFalse();
    }

    [Test]
    public void Purge_Job_MakesItUnknown()
    {
        var store = Store(JobScript.Completes());
        var id = store.Create("organization", OrganizationRequest).Id;

        store.Purge(id).Should().BeTrue();

        store.Get(id).Should().BeNull();
        store.Poll("organization", id).Should().BeNull();
    }

    [Test]
    public void RunMaintenance_PurgeAfterElapsed_RemovesEndedJobs()
    {
        var store = Store(JobScript.Of(JobPhase.Forever(ReindexJobState.Completed)), new HapiBehaviourOptions { PurgeAfter = TimeSpan.FromHours(1) });
        var id = store.Create("organization", OrganizationRequest).Id;

        _clock.Advance(TimeSpan.FromMinutes(59));
        store.RunMaintenance();
        var kept = store.Get(id);
        _clock.Advance(TimeSpan.FromMinutes(1));
        store.RunMaintenance();

        kept.Should().NotBeNull();
        store.Get(id).Should().BeNull();
    }

    [Test]
    public void Create_QueuedScripts_AreUsedInOrderThenTheServiceScript()
    {
        var store = Store(JobScript.Completes());
        store.SetServiceScript("organization", JobScript.StuckIn(ReindexJobState.Finalize));
        store.EnqueueScript("organization", JobScript.Fails("first"));
        store.EnqueueScript("organization", JobScript.Fails("second"));

        var ids = Enumerable.Range(0, 3).Select(_ => store.Create("organization", OrganizationRequest).Id).ToList();
        for (var pass = 0; pass < 5; pass++)
        {
            store.RunMaintenance();
        }

        ids.Select(id => store.Get(id)!.ErrorMessage ?? store.Get(id)!.State.ToHapiName()).Should().Equal("first", "second", "FINALIZE");
    }

    [Test]
    public void Create_QueuedJobId_IsUsedOnce()
    {
        var store = Store(JobScript.Completes());
        store.EnqueueJobId("c27486a1-3449-4671-ad8a-282c2d44c598");

        var first = store.Create("organization", OrganizationRequest);
        var second = store.Create("organization", OrganizationRequest);

        first.Id.Should().Be("c27486a1-3449-4671-ad8a-282c2d44c598");
        Guid.TryParse(second.Id, out _).Should().BeTrue();
        second.Id.Should().NotBe(first.Id);
    }

    [Test]
    public void ReplaceScript_RestartsTheJobOnTheNewScript()
    {
        var store = Store(JobScript.StuckIn(ReindexJobState.InProgress));
        var id = store.Create("organization", OrganizationRequest).Id;
        store.RunMaintenance();

        store.ReplaceScript(id, JobScript.Of(JobPhase.Forever(ReindexJobState.Completed))).Should().BeTrue();

        store.Get(id)!.State.Should().Be(ReindexJobState.Completed);
    }

    [Test]
    public void CreateForeign_JobOfAnotherType_KeepsItsDefinitionId()
    {
        var store = Store(JobScript.Completes());

        var job = store.CreateForeign("organization", "BULK_MODIFY");

        job.JobDefinitionId.Should().Be("BULK_MODIFY");
        job.Request.Should().BeNull();
    }

    private ReindexJobStore Store(JobScript script, HapiBehaviourOptions? behaviour = null) => new(_clock, behaviour ?? new HapiBehaviourOptions(), script);
}
