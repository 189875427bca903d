using FutReindexOperator.Sandbox.Cluster;
using FutReindexOperator.Sandbox.Tests.Support;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using k8s;

namespace FutReindexOperator.Sandbox.Tests.Cluster;

/// <summary>The sandbox's installation through the Kubernetes API, against the API test server.</summary>
public sealed class ClusterInstallerTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task The_CRD_Secrets_and_unchanged_samples_install_and_list_back(CancellationToken cancellationToken)
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiServerOptions(), cancellationToken);
        using var client = Client(server);
        var installer = new ClusterInstaller(client);

        foreach (var crd in SampleManifests.Crds)
        {
            await installer.CreateAsync(crd, cancellationToken);
        }

        await installer.EnsureNamespaceAsync("fut", cancellationToken);
        foreach (var sample in SampleManifests.Samples)
        {
            await installer.CreateAsync(sample, cancellationToken);
        }

        var jobs = await installer.ListJobsAsync("fut", cancellationToken);
        var plans = await installer.ListPlansAsync("fut", cancellationToken);
        var secret = await client.CoreV1.ReadNamespacedSecretAsync("fhir-bearer-token", "fut", cancellationToken: cancellationToken);

        jobs.Select(job => job.Metadata.Name).Should().BeEquivalentTo("organization-bearer", "careplan-oauth2-password", "task-client-credentials", "everything-no-auth", "fails-unknown-type");
        jobs.Single(job => job.Metadata.Name == "task-client-credentials").Spec.PartitionIds.Should().Equal("1", "2");
        plans.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Metadata = new { Name = "fut-services" }, Spec = new { MaxConcurrentTargets = 3 } });
        System.Text.Encoding.UTF8.GetString(secret.Data["token"]).Should().Be("not-a-real-token-replace-me");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_Service_gets_one_port_named_http(CancellationToken cancellationToken)
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiServerOptions(), cancellationToken);
        using var client = Client(server);
        var installer = new ClusterInstaller(client);
        await installer.EnsureNamespaceAsync("fut", cancellationToken);
        await installer.EnsureNamespaceAsync("fut", cancellationToken);

        await installer.CreateServiceAsync("fut", "task", 41234, new Dictionary<string, string> { ["fhir.fut.dk/reindex"] = "true" }, cancellationToken);

        var service = await client.CoreV1.ReadNamespacedServiceAsync("task", "fut", cancellationToken: cancellationToken);
        service.Spec.Ports.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "http", Port = 41234 });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_Service_carries_the_labels_a_plan_selects_and_its_name_label(CancellationToken cancellationToken)
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiServerOptions(), cancellationToken);
        using var client = Client(server);
        var installer = new ClusterInstaller(client);
        await installer.EnsureNamespaceAsync("fut", cancellationToken);

        await installer.CreateServiceAsync("fut", "device", 41235, new Dictionary<string, string> { ["fhir.fut.dk/reindex"] = "true" }, cancellationToken);

        var selected = await client.CoreV1.ListNamespacedServiceAsync("fut", labelSelector: "fhir.fut.dk/reindex=true", cancellationToken: cancellationToken);
        selected.Items.Should().ContainSingle().Which.Metadata.Labels.Should().Contain("app.kubernetes.io/name", "device");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Another_kind_is_refused_by_name(CancellationToken cancellationToken)
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiServerOptions(), cancellationToken);
        using var client = Client(server);
        var manifest = ManifestReader.ReadAll("kind: ConfigMap\nmetadata:\n  name: settings\n  namespace: fut\n").Single();

        await new ClusterInstaller(client).Invoking(installer => installer.CreateAsync(manifest, cancellationToken))
            .Should().ThrowAsync<InvalidDataException>().WithMessage("ConfigMap fut/settings: the sandbox installs only*");
    }

    private static k8s.Kubernetes Client(KubeApiTestServer server)
    {
        using var kubeconfig = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(server.Kubeconfig));
        return new(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
    }
}
