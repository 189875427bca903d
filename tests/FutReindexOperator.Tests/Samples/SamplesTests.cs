using FutReindexOperator.Model;
using FutReindexOperator.Validation;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Tests.Samples;

public sealed class SamplesTests
{
    private const string FailingOnPurpose = "fails-unknown-type";

    /// <summary>Each kind of the samples, read as the operator reads objects from the API server: through KubernetesJson.</summary>
    private static readonly Dictionary<string, Func<string, object>> Kinds = new()
    {
        [$"{ReindexJob.ApiGroup}/{ReindexJob.ApiVersionName}/{ReindexJob.KindName}"] = json => KubernetesJson.Deserialize<ReindexJob>(json),
        [$"{ReindexJob.ApiGroup}/{ReindexJob.ApiVersionName}/{ReindexPlan.KindName}"] = json => KubernetesJson.Deserialize<ReindexPlan>(json),
        ["v1/Secret"] = json => KubernetesJson.Deserialize<V1Secret>(json),
        ["v1/Namespace"] = json => KubernetesJson.Deserialize<V1Namespace>(json),
    };

    private static object Typed(System.Text.Json.Nodes.JsonObject manifest)
    {
        var kind = $"{manifest["apiVersion"]}/{manifest["kind"]}";
        var read = Kinds.TryGetValue(kind, out var known) ? known : throw new InvalidOperationException($"The samples hold an unexpected kind {kind}.");
        return read(manifest.ToJsonString());
    }

    private static string SamplesFolder => Path.Combine(RepositoryRoot.Path, "config", "samples");

    [Test]
    public void Samples_Kustomization_ListsEveryManifest()
    {
        var listed = File.ReadAllLines(Path.Combine(SamplesFolder, "kustomization.yaml"))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("- ", StringComparison.Ordinal))
            .Select(line => line[2..]);

        listed.Should().BeEquivalentTo(Directory.GetFiles(SamplesFolder, "*.yaml").Select(Path.GetFileName).Where(name => name != "kustomization.yaml"));
    }

    [Test]
    public void Samples_ValidJobs_PassValidation()
    {
        var jobs = Load<ReindexJob>().Where(job => job.Metadata.Name != FailingOnPurpose).ToList();

        jobs.Should().HaveCountGreaterThanOrEqualTo(4);
        jobs.Should().OnlyContain(job => ReindexJobSpecValidator.Validate(job.Spec).Count == 0);
    }

    [Test]
    public void Samples_FailingJob_FailsWithAReadableReason()
    {
        var job = Load<ReindexJob>().Single(job => job.Metadata.Name == FailingOnPurpose);

        ReindexJobSpecValidator.Validate(job.Spec).Select(error => error.ToString())
            .Should().Equal("spec.urls[0]: a FHIR R4 resource type; 'Foo' is not one");
    }

    [Test]
    public void Samples_AuthModes_AreAllShown()
    {
        var jobs = Load<ReindexJob>().ToList();

        jobs.Should().Contain(job => job.Spec.Auth.BearerToken != null);
        jobs.Should().Contain(job => job.Spec.Auth.OAuth2 != null && job.Spec.Auth.OAuth2.Grant == OAuth2Grant.Password);
        jobs.Should().Contain(job => job.Spec.Auth.OAuth2 != null && job.Spec.Auth.OAuth2.Grant == OAuth2Grant.ClientCredentials);
        jobs.Should().Contain(job => job.Spec.Auth.None != null);
    }

    [Test]
    public void Samples_ReferencedSecrets_ExistInTheJobsNamespaceWithTheKeys()
    {
        var secrets = Load<V1Secret>().ToDictionary(secret => (secret.Metadata.NamespaceProperty, secret.Metadata.Name));

        foreach (var job in Load<ReindexJob>())
        {
            var auth = job.Spec.Auth;
            if (auth.BearerToken is { } bearer)
            {
                secrets[(job.Metadata.NamespaceProperty, bearer.SecretRef.Name)].StringData.Should().ContainKey(bearer.SecretRef.Key);
            }

            if (auth.OAuth2 is { } oauth2)
            {
                secrets[(job.Metadata.NamespaceProperty, oauth2.SecretName)].StringData.Should().ContainKey(oauth2.ClientIdKey);
            }
        }
    }

    [Test]
    public void Samples_Plan_SelectsTheFutServicesByLabelWithAValidTemplateAndItsSecret()
    {
        var plan = Load<ReindexPlan>().Should().ContainSingle().Subject;
        var secrets = Load<V1Secret>().ToDictionary(secret => (secret.Metadata.NamespaceProperty, secret.Metadata.Name));

        plan.Spec.Targets.Selector!.MatchLabels.Should().Contain("fhir.fut.dk/reindex", "true");
        FutReindexOperator.Plans.ChildSpecs.Validate(plan.Spec.Template, "organization").Should().BeEmpty();
        var bearer = plan.Spec.Template.Auth.BearerToken!;
        secrets[(plan.Metadata.NamespaceProperty, bearer.SecretRef.Name)].StringData.Should().ContainKey(bearer.SecretRef.Key);
    }

    private static IEnumerable<T> Load<T>()
        => Directory.GetFiles(SamplesFolder, "*.yaml")
            .Where(path => Path.GetFileName(path) != "kustomization.yaml")
            .SelectMany(path => YamlManifests.Load(File.ReadAllText(path)))
            .Select(Typed)
            .OfType<T>();
}
