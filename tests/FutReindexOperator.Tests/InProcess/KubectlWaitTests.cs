using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.World;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// The real <c>kubectl wait</c> on the conditions the operator writes: the flows themselves (status, events, POST
/// counts) are specified by the other tests of this folder.
/// </summary>
public sealed class KubectlWaitTests
{
    private const string Name = "reindex";

    [Test]
    [CancelAfter(90_000)]
    public async Task A_job_goes_from_apply_to_Succeeded_and_kubectl_wait_for_Complete_returns(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));

        await world.CreateJobAsync("reindex-patients", InProcessWorld.Spec(), cancellationToken);
        var wait = await Kubectl.RunAsync(world.KubeconfigPath, cancellationToken, "wait", "--for=condition=Complete", "reindexjob/reindex-patients", "--timeout=60s");

        wait.ExitCode.Should().Be(0, wait.Output);
        wait.Output.Should().Contain("condition met");
        var job = await world.GetJobAsync("reindex-patients", cancellationToken);
        job.Status!.Phase.Should().Be(ReindexPhase.Succeeded);
        job.Status.JobId.Should().NotBeNullOrEmpty();
        job.Status.CompletionTime.Should().NotBeNull();
        job.Status.Conditions.Should().Contain(condition => condition.Type == ReindexConditions.Complete && condition.Status == "True");
        job.Status.Conditions.Should().NotContain(condition => condition.Type == ReindexConditions.Failed && condition.Status == "True");
        job.Status.Report!.ResourcesChanged.Should().BeGreaterThan(0);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Kubectl_wait_for_the_Failed_condition_returns_for_a_job_that_ended_Untrackable(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken, simulator: options => options.Hapi.Generation = HapiGeneration.Legacy);
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);

        var (exitCode, output) = await Kubectl.RunAsync(world.KubeconfigPath, cancellationToken, "wait", $"reindexjob/{Name}", "--for=condition=Failed", "--timeout=60s");

        exitCode.Should().Be(0, output);
        var job = await world.GetJobAsync(Name, cancellationToken);
        job.Status!.Phase.Should().Be(ReindexPhase.Untrackable);
        job.Status.Message.Should().Contain("check it on the server by hand");
    }
}
