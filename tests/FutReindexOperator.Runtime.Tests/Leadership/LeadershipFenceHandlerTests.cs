using System.Net;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Tests.Support;

namespace FutReindexOperator.Runtime.Tests.Leadership;

public sealed class LeadershipFenceHandlerTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task SendAsync_ReplicaNotSureItLeads_SendsNothing(CancellationToken cancellationToken)
    {
        using var server = new RecordingHandler();
        var gate = new FakeLeaderGate { IsLeader = false };
        using var client = new HttpClient(new LeadershipFenceHandler(gate) { InnerHandler = server });

        var post = () => client.PostAsync(new Uri("http://fhir.example:8080/fhir/$reindex"), new StringContent("{}"), cancellationToken);

        await post.Should().ThrowAsync<LeadershipUncertainException>().WithMessage("*POST http://fhir.example:8080/fhir/$reindex*");
        server.Requests.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task SendAsync_ReplicaSureItLeads_SendsTheRequest(CancellationToken cancellationToken)
    {
        using var server = new RecordingHandler { Respond = _ => new HttpResponseMessage(HttpStatusCode.Accepted) };
        using var client = new HttpClient(new LeadershipFenceHandler(new FakeLeaderGate()) { InnerHandler = server });

        using var response = await client.PostAsync(new Uri("http://fhir.example:8080/fhir/$reindex"), new StringContent("{}"), cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        server.Requests.Should().ContainSingle();
    }
}
