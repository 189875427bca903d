using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Tests.InProcess;

public sealed class JobDeletionTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task Deleting_a_job_stops_its_polling_and_sends_nothing_to_the_server(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        await world.CreateServiceAsync("careplan", cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.StuckIn(ReindexJobState.InProgress));
        world.Simulator.Controls.SetServiceScript("careplan", JobScript.ByPolls([(ReindexJobState.InProgress, 6)]));
        await world.CreateJobAsync("deleted", InProcessWorld.Spec(), cancellationToken);
        var polled = await world.WaitForJobAsync("deleted", job => job.Status is { JobId: not null, Polls: > 0 }, cancellationToken);

        await world.DeleteJobAsync("deleted", cancellationToken);
        var pollsAtDeletion = world.Simulator.Controls.Counters.Polls[polled.Status!.JobId!];
        var requestsAtDeletion = world.Simulator.Controls.Requests.Count(request => request.Target == InProcessWorld.Service);
        await world.CreateJobAsync("clock", InProcessWorld.Spec("careplan"), cancellationToken);
        await world.WaitForPhaseAsync("clock", ReindexPhase.Succeeded, cancellationToken);

        world.Simulator.Controls.Counters.Polls[polled.Status.JobId!].Should().BeLessThanOrEqualTo(pollsAtDeletion + 1, "at most a poll already under way completes");
        world.Simulator.Controls.Requests.Count(request => request.Target == InProcessWorld.Service).Should().BeLessThanOrEqualTo(requestsAtDeletion + 1);
        world.Simulator.Controls.Requests.Should().NotContain(request => request.Target == InProcessWorld.Service && request.Method == "DELETE");
    }
}
