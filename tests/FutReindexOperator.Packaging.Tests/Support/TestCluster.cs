using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Hosting;

namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>
/// A Kubernetes API test server on 127.0.0.1 with a kubeconfig and a private kubectl home in a temporary folder,
/// so that kubectl's discovery cache never leaks between clusters.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private readonly KubeApiTestServer _server;
    private readonly string _directory;

    private TestCluster(KubeApiTestServer server, string directory)
    {
        _server = server;
        _directory = directory;
    }

    /// <summary>Starts an empty cluster; the test is skipped when kubectl is not installed.</summary>
    public static async Task<TestCluster> StartAsync()
    {
        if (!ExternalCommand.IsInstalled("kubectl"))
        {
            Assert.Ignore("kubectl is not installed");
        }

        using var timeout = new CancellationTokenSource(ExternalCommand.Timeout);
        var server = await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 0 }, timeout.Token);
        var directory = Path.Combine(Path.GetTempPath(), $"packaging-cluster-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(directory, "home"));
        server.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
        return new TestCluster(server, directory);
    }

    /// <summary>Runs kubectl against this cluster.</summary>
    public Task<ProcessResult> KubectlAsync(CancellationToken cancellationToken, params string[] arguments) =>
        ExternalCommand.RunAsync(
            "kubectl",
            ["--kubeconfig", Path.Combine(_directory, "kubeconfig"), .. arguments],
            _directory,
            new Dictionary<string, string>
            {
                ["HOME"] = Path.Combine(_directory, "home"),
                ["KUBECACHEDIR"] = Path.Combine(_directory, "home", "cache"),
                ["KUBECONFIG"] = "",
            },
            cancellationToken);

    /// <summary>Writes the objects as a multi-document manifest (JSON documents are YAML) and returns its path.</summary>
    public string WriteManifest(IEnumerable<JsonObject> items)
    {
        var path = Path.Combine(_directory, $"manifest-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, string.Join("\n---\n", items.Select(item => item.ToJsonString())));
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
