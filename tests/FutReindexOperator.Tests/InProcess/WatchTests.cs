using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Tests.InProcess;

public sealed class WatchTests
{
    private const string Resource = "reindexjobs.fhir.fut.dk";

    [Test]
    [CancelAfter(120_000)]
    public async Task A_watch_drop_and_a_410_during_a_job_do_not_stop_it_and_later_jobs_are_still_seen(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        await world.CreateServiceAsync("careplan", cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.StuckIn(ReindexJobState.InProgress));
        world.Simulator.Controls.SetServiceScript("careplan", JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        await world.CreateJobAsync("during-drops", InProcessWorld.Spec(), cancellationToken);
        var running = await world.WaitForJobAsync("during-drops", job => job.Status is { JobId: not null, Polls: > 0 }, cancellationToken);

        var lists = world.Api.Controls.Requests.Count("list", Resource);

        // A plain drop: the watcher reconnects.
        world.Api.Controls.CloseAllWatches().Should().BeGreaterThan(0);
        await Eventually.UntilAsync(() => world.Api.Controls.OpenWatches > 0, cancellationToken, InProcessWorld.OperatorReaction);

        // A drop whose reconnect arrives after the history it resumes from was compacted: 410, then a relist.
        world.Api.Controls.AddLatency(TimeSpan.FromSeconds(1), "watch", "/apis/fhir.fut.dk/*");
        world.Api.Controls.CloseAllWatches().Should().BeGreaterThan(0);
        await world.CreateJobAsync("after-drops", InProcessWorld.Spec("careplan"), cancellationToken);
        world.Api.Controls.CompactHistory();
        await Eventually.UntilAsync(() => world.Api.Controls.Requests.Count("list", Resource) > lists, cancellationToken, InProcessWorld.OperatorReaction);
        world.Api.Controls.Faults.Clear();
        world.Simulator.Controls.SetJobScript(running.Status!.JobId!, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));

        await world.WaitForPhaseAsync("during-drops", ReindexPhase.Succeeded, cancellationToken);
        await world.WaitForPhaseAsync("after-drops", ReindexPhase.Succeeded, cancellationToken);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        world.Simulator.Controls.Counters.Submissions["careplan"].Should().Be(1);
        world.Api.Controls.Requests.Count("watch", Resource).Should().BeGreaterThanOrEqualTo(2);
    }
}
