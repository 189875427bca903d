using System.Text.Json.Nodes;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// The Argo CD test objects in config/argocd/testdata are valid ReindexJobs and ReindexPlans, status included: the API
/// test server accepts each spec and each status under its CRD's schema with strict field validation.
/// </summary>
public sealed class HealthTestObjectsTests
{
    private const string Namespace = "fut";

    /// <summary>Metadata only the API server writes; a client cannot send it.</summary>
    private static readonly string[] ServerMetadata =
        ["uid", "resourceVersion", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "finalizers"];

    private TestCluster _cluster = null!;

    private static IEnumerable<TestCaseData> TestObjects() =>
        Directory.GetFiles(RepositoryRoot.Combine("config/argocd/testdata"), "*.yaml").Order()
            .Select(file => new TestCaseData(Path.GetFileName(file)).SetArgDisplayNames(Path.GetFileName(file)));

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        _cluster = await TestCluster.StartAsync();
        using var timeout = new CancellationTokenSource(ExternalCommand.Timeout);
        var crds = new[] { "reindexjobs", "reindexplans" }.Select(plural => YamlDocuments.Parse(RepositoryRoot.ReadText($"config/crd/fhir.fut.dk_{plural}.yaml")));
        (await _cluster.KubectlAsync(timeout.Token, "apply", "-f", _cluster.WriteManifest([.. crds]))).ExitCode.Should().Be(0);
        (await _cluster.KubectlAsync(timeout.Token, "create", "namespace", Namespace)).ExitCode.Should().Be(0);
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [TestCaseSource(nameof(TestObjects))]
    [CancelAfter(120_000)]
    public async Task The_test_object_is_a_valid_ReindexJob_or_ReindexPlan_with_a_valid_status(string fileName, CancellationToken cancellationToken)
    {
        var testObject = YamlDocuments.Parse(RepositoryRoot.ReadText($"config/argocd/testdata/{fileName}"));
        var name = Path.GetFileNameWithoutExtension(fileName);
        var spec = testObject.DeepClone().AsObject();
        spec.Remove("status");
        var metadata = spec["metadata"]!.AsObject();
        foreach (var field in ServerMetadata)
        {
            metadata.Remove(field);
        }

        metadata["name"] = name;
        metadata["namespace"] = Namespace;

        var created = await _cluster.KubectlAsync(cancellationToken, "create", "--validate=strict", "-f", _cluster.WriteManifest([spec]));
        created.ExitCode.Should().Be(0, created.ToString());
        if (testObject["status"] is JsonObject status)
        {
            var kind = testObject["kind"]!.ToString().ToLowerInvariant();
            var stored = await _cluster.KubectlAsync(cancellationToken, "get", kind, name, "-n", Namespace, "-o", "json");
            var withStatus = JsonNode.Parse(stored.StandardOutput)!.AsObject();
            withStatus["status"] = status.DeepClone();

            var replaced = await _cluster.KubectlAsync(
                cancellationToken, "replace", "--subresource=status", "--validate=strict", "-f", _cluster.WriteManifest([withStatus]));

            replaced.ExitCode.Should().Be(0, replaced.ToString());
            replaced.StandardError.Should().BeEmpty();
        }
    }
}
