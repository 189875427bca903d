using System.Text.Json.Nodes;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Kustomize;

/// <summary>The rendered config/default applied with the real kubectl to the Kubernetes API test server.</summary>
public sealed class ConfigDefaultApplyTests
{
    private TestCluster _cluster = null!;

    // A fresh cluster per test: each test starts from an empty one.
    [SetUp]
    public async Task StartClusterAsync() => _cluster = await TestCluster.StartAsync();

    [TearDown]
    public async Task StopClusterAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_rendered_config_default_applies_cleanly_and_a_second_apply_changes_nothing(CancellationToken cancellationToken)
    {
        var rendered = await Support.Kustomize.RenderAsync("config/default", cancellationToken);
        var manifest = _cluster.WriteManifest(rendered);

        var first = await _cluster.KubectlAsync(cancellationToken, "apply", "-f", manifest);
        var versionsAfterFirst = await _cluster.ResourceVersionsAsync(cancellationToken, "-f", manifest);
        var second = await _cluster.KubectlAsync(cancellationToken, "apply", "-f", manifest);
        var versionsAfterSecond = await _cluster.ResourceVersionsAsync(cancellationToken, "-f", manifest);

        first.ExitCode.Should().Be(0, first.ToString());
        first.StandardError.Should().BeEmpty();
        first.Lines().Should().HaveCount(rendered.Count)
            .And.OnlyContain(line => line.EndsWith(" created", StringComparison.Ordinal), first.ToString());
        second.ExitCode.Should().Be(0, second.ToString());
        second.StandardError.Should().BeEmpty();
        second.Lines().Should().HaveCount(rendered.Count)
            .And.OnlyContain(
                line => line.EndsWith(" unchanged", StringComparison.Ordinal) ||
                    (line.StartsWith(ApplyResults.AlwaysPatchedKind, StringComparison.Ordinal) && line.EndsWith(" configured", StringComparison.Ordinal)),
                second.ToString());
        versionsAfterFirst.Should().HaveCount(rendered.Count);
        versionsAfterSecond.Should().Equal(versionsAfterFirst, "the second apply must not change any object");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Every_kind_of_config_default_is_served_by_the_API_test_server(CancellationToken cancellationToken)
    {
        var rendered = await Support.Kustomize.RenderAsync("config/default", cancellationToken);
        var served = await ServedKindsAsync(cancellationToken);

        rendered.Select(Key).Should().OnlyContain(key => served.Contains(key));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_samples_apply_in_one_go_once_the_CRDs_of_config_default_are_applied_creating_their_own_namespace(CancellationToken cancellationToken)
    {
        var crds = (await Support.Kustomize.RenderAsync("config/default", cancellationToken)).OfKind("CustomResourceDefinition").ToList();
        (await _cluster.KubectlAsync(cancellationToken, "apply", "-f", _cluster.WriteManifest(crds))).ExitCode.Should().Be(0);

        var samples = await _cluster.KubectlAsync(cancellationToken, "apply", "-k", RepositoryRoot.Combine("config/samples"));
        var listed = await _cluster.KubectlAsync(cancellationToken, "get", "reindexjobs", "--all-namespaces", "-o", "name");

        samples.ExitCode.Should().Be(0, samples.ToString());
        samples.Lines()[0].Should().StartWith("namespace/", "kubectl applies the Namespace before what lives in it");
        listed.StandardOutput.Should().Contain("reindexjob.fhir.fut.dk/", listed.ToString());
    }

    private static string Key(JsonObject item) => $"{item["apiVersion"]}/{item["kind"]}";

    /// <summary>apiVersion/kind of everything the server serves, from discovery as kubectl reads it.</summary>
    private async Task<HashSet<string>> ServedKindsAsync(CancellationToken cancellationToken)
    {
        var result = await _cluster.KubectlAsync(cancellationToken, "api-resources", "--no-headers");
        result.ExitCode.Should().Be(0, result.ToString());

        // NAME [SHORTNAMES] APIVERSION NAMESPACED KIND: read from the end, as SHORTNAMES may be empty.
        return
        [
            .. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(columns => $"{columns[^3]}/{columns[^1]}"),
        ];
    }
}
