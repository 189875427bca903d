using FutReindexOperator.IntegrationTests.Support;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.IntegrationTests.Flows;

[Category("E2E")]
public sealed class HappyPathTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task A_job_goes_from_apply_to_Succeeded_and_kubectl_wait_for_Complete_returns(CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));

        await world.CreateJobAsync("reindex-patients", OperatorHarness.Spec(), cancellationToken);
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
        world.Simulator.Controls.Counters.Submissions[OperatorHarness.Service].Should().Be(1);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task The_POST_and_the_polls_are_sent_as_HAPI_expects_them(CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));

        await world.CreateJobAsync("reindex-headers", OperatorHarness.Spec(), cancellationToken);
        var job = await world.WaitForPhaseAsync("reindex-headers", ReindexPhase.Succeeded, cancellationToken);

        var requests = world.Simulator.Controls.Requests.Where(request => request.Target == OperatorHarness.Service).ToList();
        var post = requests.Should().ContainSingle(request => request.Method == "POST").Subject;
        post.PathAndQuery.Should().Be("/organization/fhir/$reindex");
        post.Headers.Should().Contain(header => header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && header.Value == "Bearer ***");
        post.Headers.Should().Contain(header => header.Key.Equals("Prefer", StringComparison.OrdinalIgnoreCase) && header.Value == "respond-async");
        post.Headers.Should().Contain(header => header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && header.Value.StartsWith("application/fhir+json", StringComparison.Ordinal));
        post.Body.Should().Contain("\"resourceType\":\"Parameters\"").And.Contain("\"name\":\"url\"").And.Contain("Patient?");
        var polls = requests.Where(request => request.Method == "GET").ToList();
        polls.Should().HaveCountGreaterThanOrEqualTo(2);
        polls.Should().AllSatisfy(poll =>
        {
            poll.PathAndQuery.Should().Be($"/organization/fhir/$hapi.fhir.reindex-status?_jobId={job.Status!.JobId}");
            poll.Headers.Should().Contain(header => header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && header.Value == "Bearer ***");
        });
        job.Status!.Polls.Should().Be(polls.Count);
    }
}
