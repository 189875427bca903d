using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Cluster;
using FutReindexOperator.Sandbox.Options;
using FutReindexOperator.Validation;
using k8s;

namespace FutReindexOperator.Sandbox.Tests.Cluster;

public sealed class GeneratedJobsTests
{
    private static readonly Uri TokenUrl = new("http://127.0.0.1:4321/auth/realms/ehealth/protocol/openid-connect/token");

    [Test]
    public void Create_Count_SpreadsJobsRoundRobinOverTheServices()
    {
        var jobs = GeneratedJobs.Create(6, SimulatedSpeed.Fast, TokenUrl).Select(Typed).ToList();

        jobs.Select(job => job.Metadata.Name).Should().Equal("generated-001", "generated-002", "generated-003", "generated-004", "generated-005", "generated-006");
        jobs.Select(job => job.Spec.Target.Service).Should().Equal("organization", "careplan", "task", "terminology", "organization", "careplan");
    }

    [Test]
    public void Create_Jobs_AreValidSpecsPollingAtTheSpeedsInterval()
    {
        var jobs = GeneratedJobs.Create(4, SimulatedSpeed.Normal, TokenUrl).Select(Typed).ToList();

        jobs.Should().OnlyContain(job => ReindexJobSpecValidator.Validate(job.Spec).Count == 0);
        jobs.Should().OnlyContain(job => job.Spec.Polling.FirstInterval == SimulatedSpeed.Normal.PollInterval);
        jobs.Single(job => job.Spec.Target.Service == "task").Spec.Auth.OAuth2!.TokenUrl.Should().Be(TokenUrl.ToString());
    }

    [Test]
    public void Create_Zero_IsEmpty()
    {
        GeneratedJobs.Create(0, SimulatedSpeed.Fast, TokenUrl).Should().BeEmpty();
    }

    private static ReindexJob Typed(System.Text.Json.Nodes.JsonObject manifest) => KubernetesJson.Deserialize<ReindexJob>(manifest.ToJsonString());
}
