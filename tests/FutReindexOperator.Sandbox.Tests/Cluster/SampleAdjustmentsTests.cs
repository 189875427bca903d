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
}
