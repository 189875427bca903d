using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>Odd but valid specs at their extremes (the hostile pass over issue 15).</summary>
public sealed class HostileExtremesTests
{
    private const string Name = "reindex";

    /// <summary>
    /// Found by the hostile pass: the deadline ended the run on the POST's answer before its job id was recorded, so the
    /// server's job ran with its id recorded nowhere and the message did not say it may still run.
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task A_deadline_already_past_at_creation_fails_the_job_naming_the_server_job_it_submitted(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));
        var spec = InProcessWorld.Spec();
        spec.Polling.Deadline = TimeSpan.FromMilliseconds(1);

        await world.CreateJobAsync(Name, spec, cancellationToken);

        var failed = await world.WaitForPhaseAsync(Name, ReindexPhase.Failed, cancellationToken);
        var submitted = world.Simulator.Controls.Jobs(InProcessWorld.Service).Should().ContainSingle().Subject;
        failed.Status!.JobId.Should().Be(submitted.Id);
        failed.Status.Conditions.Should().Contain(c => c.Type == ReindexConditions.Failed && c.Reason == ConditionReasons.DeadlineExceeded);
        failed.Status.Message.Should().Contain("deadline of 1ms").And.Contain($"job {submitted.Id} may still run on the server");
        (await world.WaitForEventAsync(Name, EventReasons.Submitted, cancellationToken)).Should().Contain(e => e.Note.Contains(submitted.Id, StringComparison.Ordinal));
    }
}
