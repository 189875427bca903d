using FutReindexOperator.Decisions;
using FutReindexOperator.IntegrationTests.Support;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.IntegrationTests.Flows;

[Category("E2E")]
public sealed class SpecChangeAndRerunTests
{
    private const string Name = "reindex";

    [Test]
    [CancelAfter(120_000)]
    public async Task A_spec_change_after_submission_is_refused_and_the_rerun_annotation_runs_the_new_spec_once(CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        await world.CreateJobAsync(Name, OperatorHarness.Spec(), cancellationToken);
        var first = await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        await world.PatchJobAsync(Name, new { spec = new { urls = new[] { "Observation?" } } }, cancellationToken);
        var refused = await world.WaitForJobAsync(Name, job => job.Status?.Message?.Contains("the change is ignored", StringComparison.Ordinal) == true, cancellationToken);
        refused.Status!.Phase.Should().Be(ReindexPhase.Succeeded);
        (await world.WaitForEventAsync(Name, EventReasons.SpecChangeRejected, cancellationToken))
            .Should().Contain(item => item.Reason == EventReasons.SpecChangeRejected && item.Type == "Warning" && item.Note.Contains(ReindexJob.RerunAnnotation));
        world.Simulator.Controls.Counters.Submissions[OperatorHarness.Service].Should().Be(1);

        await world.PatchJobAsync(Name, new { metadata = new { annotations = new Dictionary<string, string> { [ReindexJob.RerunAnnotation] = "2026-11-26" } } }, cancellationToken);
        var rerun = await world.WaitForJobAsync(
            Name, job => job.Status is { LastHandledRerun: "2026-11-26", Phase: ReindexPhase.Succeeded } status && status.JobId != first.Status!.JobId, cancellationToken);

        rerun.Status!.LastHandledRerun.Should().Be("2026-11-26");
        world.Simulator.Controls.Counters.Submissions[OperatorHarness.Service].Should().Be(2);
        var posts = world.Simulator.Controls.Requests.Where(request => request.Method == "POST" && request.Target == OperatorHarness.Service).ToList();
        posts.Should().HaveCount(2);
        posts[1].Body.Should().Contain("Observation?").And.NotContain("Patient?");
        (await world.WaitForEventAsync(Name, EventReasons.RerunStarted, cancellationToken)).Should().Contain(item => item.Note.Contains("2026-11-26"));
    }
}
