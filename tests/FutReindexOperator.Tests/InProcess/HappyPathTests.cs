using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Tests.InProcess;

public sealed class HappyPathTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task The_POST_and_the_polls_are_sent_as_HAPI_expects_them(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));

        await world.CreateJobAsync("reindex-headers", InProcessWorld.Spec(), cancellationToken);
        var job = await world.WaitForPhaseAsync("reindex-headers", ReindexPhase.Succeeded, cancellationToken);

        var requests = world.Simulator.Controls.Requests.Where(request => request.Target == InProcessWorld.Service).ToList();
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
