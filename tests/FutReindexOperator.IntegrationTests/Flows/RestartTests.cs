using FutReindexOperator.Decisions;
using FutReindexOperator.IntegrationTests.Support;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.IntegrationTests.Flows;

[Category("E2E")]
public sealed class RestartTests
{
    private const string Name = "reindex";

    [Test]
    [CancelAfter(120_000)]
    public async Task An_operator_killed_mid_job_resumes_polling_after_restart_without_another_POST(CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(OperatorHarness.Service, JobScript.StuckIn(ReindexJobState.InProgress));
        await world.CreateJobAsync(Name, OperatorHarness.Spec(), cancellationToken);
        var running = await world.WaitForJobAsync(Name, job => job.Status is { JobId: not null, Polls: > 0 }, cancellationToken);

        await world.Operator!.KillAsync();
        var jobId = running.Status!.JobId!;
        world.Simulator.Controls.SetJobScript(jobId, JobScript.ByPolls([(ReindexJobState.InProgress, 1)])).Should().BeTrue();
        var pollsBeforeRestart = world.Simulator.Controls.Counters.Polls[jobId];
        await world.StartOperatorAsync(cancellationToken);
        var done = await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        done.Status!.JobId.Should().Be(jobId);
        world.Simulator.Controls.Counters.Submissions[OperatorHarness.Service].Should().Be(1);
        world.Simulator.Controls.Counters.Polls[jobId].Should().BeGreaterThan(pollsBeforeRestart);
        done.Status.Submission!.DuplicatePossible.Should().BeFalse();
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task An_operator_killed_between_marker_and_job_id_resubmits_after_restart_and_warns_of_a_possible_duplicate(CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(cancellationToken, settings: new Dictionary<string, string> { ["Reindex__Http__RequestTimeout"] = "00:01:00" });
        world.Simulator.Controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.Latency, Service = OperatorHarness.Service, Operation = "$reindex", Count = 1, Delay = TimeSpan.FromSeconds(5) });
        await world.CreateJobAsync(Name, OperatorHarness.Spec(), cancellationToken);
        var sending = await world.WaitForJobAsync(Name, job => job.Status?.Submission?.State == SubmissionState.Sending, cancellationToken);
        sending.Status!.JobId.Should().BeNull("the POST is held back by the latency fault");

        await world.Operator!.KillAsync();
        await world.StartOperatorAsync(cancellationToken);
        var done = await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        done.Status!.Submission!.Attempt.Should().Be(2);
        done.Status.Submission.DuplicatePossible.Should().BeTrue();
        var events = await world.WaitForEventAsync(Name, EventReasons.DuplicatePossible, cancellationToken);
        events.Should().Contain(item => item.Reason == EventReasons.DuplicatePossible && item.Type == "Warning" && item.Note.Contains("no job id was recorded"));
    }
}
