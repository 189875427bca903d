using System.Text;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>
/// The runtime started against an API server without its kind's CRD (a Helm upgrade that added a controller but, as
/// Helm does, left crds/ alone): ready and degraded at once, and the controller starts when the CRD is created, without
/// a restart.
/// </summary>
[Category("Integration")]
public sealed class MissingCrdIntegrationTests
{
    private const string Crd = "widgets.test.example.org";

    [Test]
    [CancelAfter(60_000)]
    public async Task A_controller_whose_CRD_is_missing_leaves_the_process_ready_and_starts_once_the_CRD_is_created(CancellationToken cancellationToken)
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 0 }, cancellationToken);
        using var client = new k8s.Kubernetes(ClientConfiguration(server));
        await using var runtime = await RuntimeInstance.StartAsync(
            ClientConfiguration(server), "solo", cancellationToken, settings => settings["OperatorRuntime:WatchCrdMissingRetryMax"] = "00:00:00.300");
        using var http = new HttpClient { BaseAddress = runtime.HttpAddress };

        var ready = await Eventually.UntilAsync(
            async token => await http.GetAsync(new Uri("/readyz", UriKind.Relative), token),
            response => response.IsSuccessStatusCode,
            cancellationToken,
            what: "the runtime is ready without its CRD");
        (await ready.Content.ReadAsStringAsync(cancellationToken)).Should().StartWith("Degraded\n").And.Contain($"widget needs {Crd}");
        (await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken)).IsSuccessStatusCode.Should().BeTrue();
        (await Metric.ValueAsync(runtime.Metrics.Registry, "operator_runtime_watch_crd_missing{controller=\"widget\",namespace=\"\"}", cancellationToken)).Should().Be(1);
        runtime.HasSynced.Should().BeFalse();

        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(WidgetCrd(), cancellationToken: cancellationToken);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new() { Name = "late" } }, cancellationToken: cancellationToken);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync<Widget>(
            Widget.Create("late", "first"), Widget.Group, Widget.Version, "late", Widget.Plural, cancellationToken: cancellationToken);

        await Eventually.UntilAsync(() => runtime.Script.CallsFor(new ObjectKey("late", "first")) > 0, cancellationToken, timeout: TimeSpan.FromSeconds(20));
        runtime.HasSynced.Should().BeTrue();
        (await Metric.ValueAsync(runtime.Metrics.Registry, "operator_runtime_watch_crd_missing{controller=\"widget\",namespace=\"\"}", cancellationToken)).Should().Be(0);
        (await http.GetStringAsync(new Uri("/readyz", UriKind.Relative), cancellationToken)).Should().StartWith("Healthy\n");
    }

    private static KubernetesClientConfiguration ClientConfiguration(KubeApiTestServer server)
    {
        using var kubeconfig = new MemoryStream(Encoding.UTF8.GetBytes(server.Kubeconfig));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
    }

    private static V1CustomResourceDefinition WidgetCrd() => new()
    {
        Metadata = new V1ObjectMeta { Name = Crd },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = Widget.Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = Widget.Plural, Singular = "widget", Kind = Widget.KindName },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = Widget.Version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                },
            ],
        },
    };
}
