using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Tests.InProcess;

public sealed class PerTargetLimitTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task Jobs_on_one_target_run_one_at_a_time_in_creation_order_and_the_waiting_ones_say_they_wait_for_a_free_slot(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken, startOperator: false);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));
        string[] names = ["first", "second", "third"];
        foreach (var name in names)
        {
            await world.CreateJobAsync(name, InProcessWorld.Spec(), cancellationToken);
        }

        await world.StartOperatorAsync(cancellationToken);
        var waiting = await world.WaitForJobAsync("second", job => job.Status?.Phase == ReindexPhase.Pending && job.Status.Message is not null, cancellationToken);
        waiting.Status!.Conditions.Should().Contain(condition => condition.Reason == ConditionReasons.WaitingForTurn);
        waiting.Status.Message.Should().Contain("waiting for a free slot on").And.Contain("/organization/fhir").And.Contain("at most 1 job runs there at once");

        var jobs = new List<ReindexJob>();
        foreach (var name in names)
        {
            jobs.Add(await world.WaitForPhaseAsync(name, ReindexPhase.Succeeded, cancellationToken));
        }

        jobs[1].Status!.SubmittedAt.Should().BeOnOrAfter(jobs[0].Status!.CompletionTime!.Value);
        jobs[2].Status!.SubmittedAt.Should().BeOnOrAfter(jobs[1].Status!.CompletionTime!.Value);
        var posted = world.Simulator.Controls.Jobs(InProcessWorld.Service).OrderBy(job => job.CreatedAt).Select(job => job.Id).ToList();
        posted.Should().Equal(jobs.Select(job => job.Status!.JobId));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_job_with_an_invalid_spec_does_not_keep_a_valid_job_on_its_target_waiting_even_before_its_status_says_so(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken, startOperator: false);
        var invalid = InProcessWorld.Spec();
        invalid.Urls = ["Unicorn?"];
        await world.CreateJobAsync("invalid", invalid, cancellationToken);
        await world.CreateJobAsync("valid", InProcessWorld.Spec(), cancellationToken);
        // The invalid job's status never lands, so every peer keeps seeing it without InvalidSpec.
        world.Api.Controls.FailNext("patch", "*/reindexjobs/invalid/status", 500, count: 10_000);

        await world.StartOperatorAsync(cancellationToken);
        var valid = await world.WaitForJobAsync("valid", job => job.Status?.JobId is not null, cancellationToken);

        (await world.GetJobAsync("invalid", cancellationToken)).Status.Should().BeNull();
        valid.Status!.Message.Should().NotContain("default/invalid");
        (await world.EventsAsync("valid", cancellationToken)).Should().NotContain(e => e.Reason == EventReasons.Waiting);
    }
}
