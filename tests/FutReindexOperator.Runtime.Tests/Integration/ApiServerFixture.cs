using System.Text;
using System.Text.Json.Nodes;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using k8s;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>
/// Integration fixtures: one Kubernetes API test server per fixture with the Widget CRD installed, a client for the
/// test's own writes, and helpers to create and change widgets.
/// </summary>
[Category("Integration")]
public abstract class ApiServerFixture
{
    /// <summary>A fresh namespace per test, so tests sharing the fixture's server do not see each other's objects.</summary>
    protected string Namespace { get; private set; } = null!;

    protected KubeApiTestServer Server { get; private set; } = null!;

    /// <summary>The test's own client (never partitioned), for arranging and asserting.</summary>
    protected IKubernetes Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Server = await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 0 }, timeout.Token);
        Client = new k8s.Kubernetes(ClientConfiguration());
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
            KubernetesJson.Deserialize<k8s.Models.V1CustomResourceDefinition>(WidgetCrd), cancellationToken: timeout.Token);
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    [SetUp]
    public async Task PrepareTestAsync()
    {
        Server.Controls.Reset();
        Namespace = UniqueName("ns");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new() { Name = Namespace } }, cancellationToken: timeout.Token);
    }

    /// <summary>Starts a runtime instance watching this test's namespace, and waits until its cache has synced.</summary>
    protected async Task<RuntimeInstance> StartRuntimeAsync(
        string identity, CancellationToken cancellationToken, Action<Dictionary<string, string?>>? configure = null)
    {
        var runtime = await RuntimeInstance.StartAsync(
            ClientConfiguration(),
            identity,
            cancellationToken,
            settings =>
            {
                settings["OperatorRuntime:Namespaces:0"] = Namespace;
                configure?.Invoke(settings);
            });
        await Eventually.UntilAsync(() => runtime.HasSynced, cancellationToken);
        return runtime;
    }

    /// <summary>A client configuration for the test server, from the kubeconfig it writes.</summary>
    protected KubernetesClientConfiguration ClientConfiguration()
    {
        using var kubeconfig = new MemoryStream(Encoding.UTF8.GetBytes(Server.Kubeconfig));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
    }

    protected static string UniqueName(string prefix = "w") => $"{prefix}-{Guid.NewGuid():N}"[..16];

    protected async Task<Widget> CreateWidgetAsync(string name, CancellationToken cancellationToken, int size = 1)
    {
        var widget = new Widget { Metadata = new() { Name = name, NamespaceProperty = Namespace }, Spec = new WidgetSpec { Size = size } };
        return await Client.CustomObjects.CreateNamespacedCustomObjectAsync<Widget>(
            widget, Widget.Group, Widget.Version, Namespace, Widget.Plural, cancellationToken: cancellationToken);
    }

    protected Task<Widget> ResizeWidgetAsync(string name, int size, CancellationToken cancellationToken) =>
        Client.CustomObjects.PatchNamespacedCustomObjectAsync<Widget>(
            new k8s.Models.V1Patch(new JsonObject { ["spec"] = new JsonObject { ["size"] = size } }, k8s.Models.V1Patch.PatchType.MergePatch),
            Widget.Group,
            Widget.Version,
            Namespace,
            Widget.Plural,
            name,
            cancellationToken: cancellationToken);

    /// <summary>Writes <paramref name="phase"/> into the widget's status as another client would (a merge patch of the status subresource).</summary>
    protected Task<Widget> PatchWidgetStatusAsync(string name, string phase, CancellationToken cancellationToken) =>
        Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<Widget>(
            new k8s.Models.V1Patch(new JsonObject { ["status"] = new JsonObject { ["phase"] = phase } }, k8s.Models.V1Patch.PatchType.MergePatch),
            Widget.Group,
            Widget.Version,
            Namespace,
            Widget.Plural,
            name,
            cancellationToken: cancellationToken);

    protected Task DeleteWidgetAsync(string name, CancellationToken cancellationToken) =>
        Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Widget.Group, Widget.Version, Namespace, Widget.Plural, name, cancellationToken: cancellationToken);

    protected Task<Widget> GetWidgetAsync(string name, CancellationToken cancellationToken) =>
        Client.CustomObjects.GetNamespacedCustomObjectAsync<Widget>(Widget.Group, Widget.Version, Namespace, Widget.Plural, name, cancellationToken);

    private const string WidgetCrd = """
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": { "name": "widgets.test.example.org" },
          "spec": {
            "group": "test.example.org",
            "scope": "Namespaced",
            "names": { "plural": "widgets", "singular": "widget", "kind": "Widget" },
            "versions": [{
              "name": "v1", "served": true, "storage": true,
              "subresources": { "status": {} },
              "schema": { "openAPIV3Schema": {
                "type": "object",
                "properties": {
                  "spec": { "type": "object", "properties": { "size": { "type": "integer" } } },
                  "status": { "type": "object", "properties": {
                    "phase": { "type": "string" },
                    "observedGeneration": { "type": "integer" }
                  } }
                }
              } }
            }]
          }
        }
        """;
}
