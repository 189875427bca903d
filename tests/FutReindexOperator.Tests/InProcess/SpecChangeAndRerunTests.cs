using System.Net;
using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.World;
using k8s.Autorest;

namespace FutReindexOperator.Tests.InProcess;

public sealed class SpecChangeAndRerunTests
{
    private const string Name = "reindex";

    private const string Immutable = "spec is immutable once created; set the annotation fhir.fut.dk/rerun to run again, or create a new ReindexJob";

    [Test]
    [CancelAfter(120_000)]
    public async Task A_spec_edit_mid_run_is_refused_by_the_API_server_as_on_a_cluster_and_the_rerun_annotation_runs_the_job_once_more(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 15)]));
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var running = await world.WaitForPhaseAsync(Name, ReindexPhase.Running, cancellationToken);

        var byKubectl = await Kubectl.RunAsync(world.KubeconfigPath, cancellationToken, "patch", "reindexjob", Name, "--type=merge", "-p", """{"spec":{"urls":["Observation?"]}}""");
        var byClient = async () => await world.PatchJobAsync(Name, new { spec = new { urls = new[] { "Observation?" } } }, cancellationToken);

        byKubectl.ExitCode.Should().NotBe(0, byKubectl.Output);
        byKubectl.Output.Should().Contain($"The ReindexJob \"{Name}\" is invalid: spec: Invalid value: \"object\": {Immutable}");
        (await byClient.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var first = await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);
        first.Status!.JobId.Should().Be(running.Status!.JobId);
        first.Spec.Urls.Should().Equal("Patient?");
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);

        await world.PatchJobAsync(Name, new { metadata = new { annotations = new Dictionary<string, string> { [ReindexJob.RerunAnnotation] = "2026-11-26" } } }, cancellationToken);
        var rerun = await world.WaitForJobAsync(
            Name, job => job.Status is { LastHandledRerun: "2026-11-26", Phase: ReindexPhase.Succeeded } status && status.JobId != first.Status!.JobId, cancellationToken);

        rerun.Status!.LastHandledRerun.Should().Be("2026-11-26");
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(2);
        var posts = world.Simulator.Controls.Requests.Where(request => request.Method == "POST" && request.Target == InProcessWorld.Service).ToList();
        posts.Should().HaveCount(2);
        posts[1].Body.Should().Contain("Patient?");
        (await world.WaitForEventAsync(Name, EventReasons.RerunStarted, cancellationToken)).Should().Contain(item => item.Note.Contains("2026-11-26"));
    }
}
