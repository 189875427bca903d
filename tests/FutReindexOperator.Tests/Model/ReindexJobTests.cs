using FutReindexOperator.Model;
using k8s;

namespace FutReindexOperator.Tests.Model;

public sealed class ReindexJobTests
{
    private const string Manifest = """
        {
          "apiVersion": "fhir.fut.dk/v1alpha1",
          "kind": "ReindexJob",
          "metadata": { "name": "organizations", "namespace": "fut", "annotations": { "fhir.fut.dk/rerun": "2026-04-16" } },
          "spec": {
            "target": { "service": "organization", "scheme": "https" },
            "urls": ["Organization?"],
            "reindexSearchParameters": "All",
            "optimizeStorage": "CurrentVersion",
            "auth": { "oauth2": { "tokenUrl": "https://keycloak/token", "grant": "password", "secretName": "creds" } },
            "polling": { "firstInterval": "10s", "deadline": "1h30m" }
          }
        }
        """;

    [Test]
    public void Deserialize_Manifest_ReadsCamelCaseFieldsAndEnums()
    {
        var job = KubernetesJson.Deserialize<ReindexJob>(Manifest);

        job.Spec.Target.Scheme.Should().Be(TargetScheme.Https);
        job.Spec.OptimizeStorage.Should().Be(OptimizeStorageMode.CurrentVersion);
        job.Spec.Auth.OAuth2!.Grant.Should().Be(OAuth2Grant.Password);
        job.Spec.Polling.FirstInterval.Should().Be(TimeSpan.FromSeconds(10));
        job.Spec.Polling.Deadline.Should().Be(TimeSpan.FromMinutes(90));
    }

    [Test]
    public void Deserialize_DeadlineBeyondTheLongestTimeSpan_ReadsWithoutThrowing()
    {
        var manifest = Manifest.Replace("\"deadline\": \"1h30m\"", "\"deadline\": \"9999999999h\"", StringComparison.Ordinal);

        var job = KubernetesJson.Deserialize<ReindexJob>(manifest);

        job.Spec.Polling.Deadline.Should().Be(TimeSpan.MaxValue);
    }

    [Test]
    public void Deserialize_OmittedFields_TakeTheSchemaDefaults()
    {
        var job = KubernetesJson.Deserialize<ReindexJob>(Manifest);

        job.Spec.Target.BasePath.Should().Be("/fhir");
        job.Spec.Polling.JitterPercent.Should().Be(20);
        job.Spec.Polling.MaxInterval.Should().BeNull("an absent interval takes the operator's default, not a schema default");
        job.Spec.SubmissionRecovery.Should().Be(SubmissionRecoveryPolicy.Resubmit);
        job.Spec.Auth.OAuth2!.UsernameKey.Should().Be("username");
    }

    [Test]
    public void RerunToken_AnnotationPresent_ReturnsItsValue()
    {
        KubernetesJson.Deserialize<ReindexJob>(Manifest).RerunToken.Should().Be("2026-04-16");
    }

    [Test]
    public void Serialize_StatusWithClearedFields_WritesExplicitNullsForMergePatch()
    {
        var status = new ReindexJobStatus { Phase = ReindexPhase.Pending };

        var json = KubernetesJson.Serialize(status);

        json.Should().Contain("\"phase\":\"Pending\"").And.Contain("\"submission\":null").And.Contain("\"jobId\":null");
    }

    [Test]
    public void Serialize_Durations_WritesKubernetesDurations()
    {
        var json = KubernetesJson.Serialize(new PollingSpec { FirstInterval = TimeSpan.FromSeconds(15), Deadline = TimeSpan.FromHours(72) });

        json.Should().Contain("\"firstInterval\":\"15s\"").And.Contain("\"deadline\":\"72h\"");
    }

    [Test]
    public void Serialize_AbsentDurations_LeavesThemOut()
    {
        var json = KubernetesJson.Serialize(new PollingSpec());

        json.Should().Be("{\"jitterPercent\":20}");
    }

    [Test]
    public void Deserialize_List_ReadsItems()
    {
        var list = KubernetesJson.Deserialize<ReindexJobList>($$"""{"apiVersion":"fhir.fut.dk/v1alpha1","kind":"ReindexJobList","metadata":{"resourceVersion":"42"},"items":[{{Manifest}}]}""");

        list.Metadata.ResourceVersion.Should().Be("42");
        list.Items.Should().ContainSingle().Which.Spec.Target.Service.Should().Be("organization");
    }
}
