using System.Globalization;
using System.Text.Json.Nodes;
using FutReindexOperator.Model;
using FutReindexOperator.Packaging.Tests.Support;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Packaging.Tests.Container;

/// <summary>
/// The operator image built from the repository's Dockerfile without a Docker engine or a registry, and run as
/// config/manager/deployment.yaml runs it. <see cref="LocalImage"/> says how: buildah builds the Dockerfile's final stage
/// on a debootstrap base with the local .NET runtime (hack/base-image.sh), podman runs it against the Kubernetes API
/// test server and the HAPI simulator on the host's loopback.
/// </summary>
[NonParallelizable]
public sealed class ImageTests
{
    private const string Namespace = "fut";
    private const string Service = "organization";
    private LocalImage _image = null!;

    [OneTimeSetUp]
    public async Task BuildAsync()
    {
        using var timeout = new CancellationTokenSource(LocalImage.BuildTimeout);
        _image = await LocalImage.BuildAsync(timeout.Token);
    }

    [Test]
    public async Task The_image_runs_the_operator_as_the_numeric_app_user_from_app()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var config = await _image.ConfigAsync(timeout.Token);

        config["User"]!.ToString().Should().Be("1654");
        config["WorkingDir"]!.ToString().Should().Be("/app");
        config["Entrypoint"].Strings().Should().Equal("dotnet", "FutReindexOperator.dll");
        config["Env"].Strings().Should().Contain("TMPDIR=/tmp").And.Contain("DOTNET_gcServer=0");
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task A_job_succeeds_with_the_operator_in_the_image_under_the_Deployments_security_context(CancellationToken cancellationToken)
    {
        var deployment = YamlDocuments.Parse(RepositoryRoot.ReadText("config/manager/deployment.yaml"));
        var securityContext = ContainerSecurity.Of(deployment);
        await using var apiServer = await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 0 }, cancellationToken);
        var simulatorOptions = new HapiSimulatorOptions
        {
            Services = [Service],
            ServiceListeners = true,
            Namespace = Namespace,
            MaintenanceInterval = TimeSpan.FromMilliseconds(250),
            DefaultJob = new JobTimelineOptions { QueuedFor = TimeSpan.FromMilliseconds(500), InProgressFor = TimeSpan.FromSeconds(2), FinalizeFor = TimeSpan.FromMilliseconds(500) },
        };
        simulatorOptions.Auth.ServicesWithoutAuth.Add(Service);
        await using var simulator = await HapiFhirSimulator.StartAsync(simulatorOptions, cancellationToken: cancellationToken);
        var directory = Directory.CreateTempSubdirectory("fut-reindex-image-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        apiServer.WriteKubeconfig(kubeconfig);
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        await InstallAsync(client, simulator.ServicePort(Service), cancellationToken);

        await using var container = await _image.RunAsync(
            securityContext,
            kubeconfig,
            new Dictionary<string, string>
            {
                ["OperatorRuntime__Namespaces__0"] = Namespace,
                ["OperatorRuntime__HttpPort"] = "0",
                ["OperatorRuntime__HttpBindAddress"] = "127.0.0.1",
                ["Reindex__Targets__HostTemplate"] = "127.0.0.1",
            },
            cancellationToken);
        string? phase;
        try
        {
            phase = await Eventually.UntilAsync(
                async token => (await ReadJobAsync(client, token)).Status?.Phase?.ToString(),
                current => current is nameof(ReindexPhase.Succeeded) or nameof(ReindexPhase.Failed),
                cancellationToken,
                timeout: TimeSpan.FromSeconds(90),
                interval: TimeSpan.FromMilliseconds(200),
                what: "the job ends");
        }
        catch (TimeoutException)
        {
            phase = (await ReadJobAsync(client, cancellationToken)).Status?.Phase?.ToString();
        }

        var process = await container.ProcessStatusAsync(cancellationToken);
        var logs = await container.LogsAsync(cancellationToken);
        Directory.Delete(directory, recursive: true);

        phase.Should().Be(nameof(ReindexPhase.Succeeded), $"the operator in the container must run the job; its output:\n{logs}");
        process.Should().Contain($"Uid:\t{securityContext.User}\t{securityContext.User}\t{securityContext.User}\t{securityContext.User}")
            .And.Contain($"Gid:\t{securityContext.Group}\t{securityContext.Group}")
            .And.Contain("CapEff:\t0000000000000000").And.Contain("CapBnd:\t0000000000000000")
            .And.Contain("NoNewPrivs:\t1").And.Contain("Seccomp:\t2");
        logs.Should().NotContain("Read-only file system");
    }

    private static async Task InstallAsync(k8s.Kubernetes client, int servicePort, CancellationToken cancellationToken)
    {
        foreach (var path in new[] { "config/crd/fhir.fut.dk_reindexjobs.yaml", "config/crd/fhir.fut.dk_reindexplans.yaml" })
        {
            var crd = YamlDocuments.Parse(RepositoryRoot.ReadText(path));
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
                KubernetesJson.Deserialize<V1CustomResourceDefinition>(crd.ToJsonString()), cancellationToken: cancellationToken);
        }
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, cancellationToken: cancellationToken);
        await client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta { Name = Service, NamespaceProperty = Namespace },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = servicePort, TargetPort = servicePort, Protocol = "TCP" }] },
            },
            Namespace,
            cancellationToken: cancellationToken);
        var job = new JsonObject
        {
            ["apiVersion"] = $"{ReindexJob.ApiGroup}/{ReindexJob.ApiVersionName}",
            ["kind"] = ReindexJob.KindName,
            ["metadata"] = new JsonObject { ["name"] = "from-the-image", ["namespace"] = Namespace },
            ["spec"] = new JsonObject
            {
                ["target"] = new JsonObject { ["service"] = Service },
                ["urls"] = new JsonArray("Organization?"),
                ["auth"] = new JsonObject { ["none"] = new JsonObject() },
                ["polling"] = new JsonObject { ["firstInterval"] = "1s", ["maxInterval"] = "2s" },
            },
        };
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            job, ReindexJob.ApiGroup, ReindexJob.ApiVersionName, Namespace, ReindexJob.Plural, cancellationToken: cancellationToken);
    }

    private static async Task<ReindexJob> ReadJobAsync(k8s.Kubernetes client, CancellationToken cancellationToken)
    {
        var item = await client.CustomObjects.GetNamespacedCustomObjectAsync(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, Namespace, ReindexJob.Plural, "from-the-image", cancellationToken: cancellationToken);
        return KubernetesJson.Deserialize<ReindexJob>(KubernetesJson.Serialize(item));
    }

    /// <summary>The Deployment's manager container security, as podman flags read it.</summary>
    internal sealed record ContainerSecurity(long User, long Group, bool ReadOnlyRoot, bool NoNewPrivileges, IReadOnlyList<string> DroppedCapabilities, IReadOnlyList<string> WritableMounts)
    {
        public static ContainerSecurity Of(JsonObject deployment)
        {
            var pod = deployment.PodSpec()["securityContext"]!;
            var manager = deployment.Container("manager");
            var container = manager["securityContext"]!;
            var emptyDirs = deployment.PodSpec()["volumes"]!.AsArray().Where(volume => volume!["emptyDir"] is not null).Select(volume => volume!["name"]!.ToString()).ToHashSet();
            return new ContainerSecurity(
                (container["runAsUser"] ?? pod["runAsUser"])!.GetValue<long>(),
                (container["runAsGroup"] ?? pod["runAsGroup"])!.GetValue<long>(),
                container["readOnlyRootFilesystem"]!.GetValue<bool>(),
                !container["allowPrivilegeEscalation"]!.GetValue<bool>(),
                container["capabilities"]!["drop"].Strings(),
                [.. manager["volumeMounts"]!.AsArray().Where(mount => emptyDirs.Contains(mount!["name"]!.ToString()) && mount!["readOnly"]?.GetValue<bool>() != true)
                    .Select(mount => mount!["mountPath"]!.ToString())]);
        }

        /// <summary>podman run flags that apply exactly this context.</summary>
        public IEnumerable<string> PodmanFlags()
        {
            yield return $"--user={User.ToString(CultureInfo.InvariantCulture)}:{Group.ToString(CultureInfo.InvariantCulture)}";
            if (ReadOnlyRoot)
            {
                yield return "--read-only";

                // podman would otherwise add writable tmpfs mounts of its own (/tmp, /var/tmp, /run) to a read-only root.
                yield return "--read-only-tmpfs=false";
            }

            if (NoNewPrivileges)
            {
                yield return "--security-opt=no-new-privileges";
            }

            foreach (var capability in DroppedCapabilities)
            {
                yield return $"--cap-drop={capability}";
            }

            foreach (var mount in WritableMounts)
            {
                yield return $"--tmpfs={mount}:rw,size=64m,mode=1777";
            }
        }
    }
}
