using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Kustomize;

/// <summary>The config/namespaced overlay applied with the real kubectl to the Kubernetes API test server.</summary>
public sealed class ConfigNamespacedApplyTests
{
    /// <summary>The namespace the overlay's operator watches; the platform team creates it, not the overlay.</summary>
    private const string WatchedNamespace = "fhir";

    private TestCluster _cluster = null!;

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
    public async Task The_namespaced_overlay_applies_cleanly_and_a_second_apply_changes_nothing(CancellationToken cancellationToken)
    {
        var overlay = RepositoryRoot.Combine("config/namespaced");
        var rendered = await Support.Kustomize.RenderAsync("config/namespaced", cancellationToken);
        (await _cluster.KubectlAsync(cancellationToken, "create", "namespace", WatchedNamespace)).ExitCode.Should().Be(0);

        var first = await _cluster.KubectlAsync(cancellationToken, "apply", "-k", overlay);
        var versionsAfterFirst = await _cluster.ResourceVersionsAsync(cancellationToken, "-k", overlay);
        var second = await _cluster.KubectlAsync(cancellationToken, "apply", "-k", overlay);
        var versionsAfterSecond = await _cluster.ResourceVersionsAsync(cancellationToken, "-k", overlay);

        first.ExitCode.Should().Be(0, first.ToString());
        first.StandardError.Should().BeEmpty();
        first.Lines().Should().HaveCount(rendered.Count)
            .And.OnlyContain(line => line.EndsWith(" created", StringComparison.Ordinal), first.ToString());
        second.ExitCode.Should().Be(0, second.ToString());
        second.StandardError.Should().BeEmpty();
        second.Lines().Should().OnlyContain(
            line => line.EndsWith(" unchanged", StringComparison.Ordinal) ||
                (line.StartsWith(ApplyResults.AlwaysPatchedKind, StringComparison.Ordinal) && line.EndsWith(" configured", StringComparison.Ordinal)),
            second.ToString());
        versionsAfterFirst.Should().HaveCount(rendered.Count).And.Contain(line => line.StartsWith($"Role/{WatchedNamespace}/", StringComparison.Ordinal));
        versionsAfterSecond.Should().Equal(versionsAfterFirst, "the second apply must not change any object");
    }
}
