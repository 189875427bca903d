using System.Text.Json.Nodes;
using FutReindexOperator.Sandbox.Cluster;

namespace FutReindexOperator.Sandbox.Tests.Cluster;

public sealed class SampleAdjustmentsTests
{
    [Test]
    public void PointTokenUrlAt_OAuth2Job_KeepsThePathOnTheNewOrigin()
    {
        var job = JsonNode.Parse("""{"spec":{"auth":{"oauth2":{"tokenUrl":"https://saml.example.dk/auth/realms/ehealth/protocol/openid-connect/token"}}}}""")!.AsObject();

        var adjusted = SampleAdjustments.PointTokenUrlAt(job, new Uri("http://127.0.0.1:4321/"));

        adjusted["spec"]!["auth"]!["oauth2"]!["tokenUrl"]!.GetValue<string>()
            .Should().Be("http://127.0.0.1:4321/auth/realms/ehealth/protocol/openid-connect/token");
        job["spec"]!["auth"]!["oauth2"]!["tokenUrl"]!.GetValue<string>().Should().StartWith("https://saml.example.dk/", "the sample itself is left as read");
    }

    [Test]
    public void PointTokenUrlAt_JobWithoutOAuth2_IsUnchanged()
    {
        var job = JsonNode.Parse("""{"spec":{"auth":{"none":{}}}}""")!.AsObject();

        SampleAdjustments.PointTokenUrlAt(job, new Uri("http://127.0.0.1:4321/")).ToJsonString().Should().Be(job.ToJsonString());
    }

    [Test]
    public void ShortenPolling_ProductionIntervals_AreCappedAtTheSimulatedSpeed()
    {
        var job = JsonNode.Parse("""{"spec":{"polling":{"firstInterval":"30s","maxInterval":"2m","deadline":"24h"}}}""")!.AsObject();

        var adjusted = SampleAdjustments.ShortenPolling(job, TimeSpan.FromSeconds(1));

        adjusted["spec"]!["polling"]!.ToJsonString().Should().Be("""{"firstInterval":"1s","maxInterval":"2s","deadline":"24h"}""");
        job["spec"]!["polling"]!["firstInterval"]!.GetValue<string>().Should().Be("30s", "the sample itself is left as read");
    }

    [Test]
    public void ShortenPolling_FasterIntervalsOrNoPolling_AreUnchanged()
    {
        var fast = JsonNode.Parse("""{"spec":{"polling":{"firstInterval":"500ms"}}}""")!.AsObject();
        var none = JsonNode.Parse("""{"spec":{"auth":{"none":{}}}}""")!.AsObject();

        SampleAdjustments.ShortenPolling(fast, TimeSpan.FromSeconds(1)).ToJsonString().Should().Be(fast.ToJsonString());
        SampleAdjustments.ShortenPolling(none, TimeSpan.FromSeconds(1)).ToJsonString().Should().Be(none.ToJsonString());
    }
}
