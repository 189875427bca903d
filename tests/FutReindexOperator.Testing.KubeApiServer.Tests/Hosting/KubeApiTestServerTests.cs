using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;
using k8s;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Hosting;

public sealed class KubeApiTestServerTests
{
    [Test, CancelAfter(30_000)]
    public async Task StartAsync_PortZero_ListensOnLoopbackWithTheBoundPort(CancellationToken ct)
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 0 }, ct);
        using var http = new ApiHttp(server.BaseAddress);

        var version = await http.GetAsync("/version", ct);

        server.BaseAddress.Host.Should().Be("127.0.0.1");
        server.BaseAddress.Port.Should().BePositive();
        version.Status.Should().Be(200);
    }

    [Test, CancelAfter(30_000)]
    public async Task StartAsync_Always_SeedsTheSystemNamespaces(CancellationToken ct)
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiServerOptions(), ct);
        using var http = ApiHttp.AsAdmin(server);

        var namespaces = await http.GetAsync("/api/v1/namespaces", ct);

        namespaces.Body["items"]!.AsArray().Select(n => n!["metadata"]!["name"]!.GetValue<string>())
            .Should().BeEquivalentTo("default", "kube-system", "kube-public", "kube-node-lease");
    }

    [Test, CancelAfter(30_000)]
    public async Task WriteKubeconfig_Path_PlainHttpContextWithTheAdminsToken(CancellationToken ct)
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiServerOptions(), ct);
        var path = Path.Combine(Path.GetTempPath(), $"kc-{Guid.NewGuid():N}", "config");

        server.WriteKubeconfig(path);
        var config = await k8s.KubernetesClientConfiguration.LoadKubeConfigAsync(new FileInfo(path));

        config.CurrentContext.Should().Be(Kubeconfig.ContextName);
        config.Clusters.Single().ClusterEndpoint.Server.Should().Be($"https://127.0.0.1:{server.HttpsAddress.Port}");
        config.Clusters.Single().ClusterEndpoint.CertificateAuthorityData.Should().NotBeNullOrEmpty();
        config.Users.Single().UserCredentials.Token.Should().NotBeNullOrEmpty();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Test]
    public void StartAsync_InvalidOptions_ValidationErrorNamingTheField()
    {
        var start = async () => await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 70000 });

        start.Should().ThrowAsync<ValidationException>().WithMessage("*Port*").GetAwaiter().GetResult();
    }

    [Test, CancelAfter(60_000)]
    public async Task The_standalone_process_writes_a_kubeconfig_serves_and_stops_on_SIGTERM(CancellationToken ct)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"standalone-{Guid.NewGuid():N}");
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(typeof(KubeApiTestServer).Assembly.Location);
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add("0");
        startInfo.ArgumentList.Add("--kubeconfig-out");
        startInfo.ArgumentList.Add(kubeconfig);
        using var process = Process.Start(startInfo)!;
        try
        {
            await Eventually.UntilAsync(() => File.Exists(kubeconfig) || process.HasExited, ct, TimeSpan.FromSeconds(30), what: "the kubeconfig is written");
            var config = await k8s.KubernetesClientConfiguration.LoadKubeConfigAsync(new FileInfo(kubeconfig));
            using var client = new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(new FileInfo(kubeconfig)));
            var version = await client.Version.GetCodeAsync(ct);
            var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: ct);

            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await process.WaitForExitAsync(ct);

            version.GitVersion.Should().Be("v1.33.0");
            namespaces.Items.Should().NotBeEmpty("the kubeconfig authenticates as the admin, over TLS");
            process.ExitCode.Should().Be(0);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            Directory.Delete(directory, recursive: true);
        }
    }
}
