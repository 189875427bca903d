using System.Collections.Concurrent;
using System.Net;
using System.Text;
using FutReindexOperator.Crd;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using FutReindexOperator.Testing.OperatorHost;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FutReindexOperator.IntegrationTests.Support;

/// <summary>
/// One end-to-end world: the Kubernetes API test server and the HAPI simulator in this process (real HTTP on
/// 127.0.0.1), the ReindexJob CRD installed, and the operator as a separate process configured by a kubeconfig.
/// The operator runs as its ServiceAccount with the RBAC that ships (<see cref="OperatorRbac"/>; cluster-wide unless
/// the environment variable <c>FUT_E2E_RBAC=namespaced</c> chooses the namespaced install); any request of it the
/// API server refuses with 403 fails the test when the harness is disposed, unless the test said it expects them.
/// </summary>
public sealed class OperatorHarness : IAsyncDisposable
{
    public const string Namespace = "default";
    public const string Service = "organization";
    public const string TokenSecret = "fhir-token";

    /// <summary>An unsigned token FUT's HAPI accepts (role <c>$reindex</c>, user type SYSTEM), valid for a day.</summary>
    public static readonly string ValidToken = Jwt.WithoutSignature(DateTimeOffset.UtcNow.AddDays(1), "SYSTEM");

    /// <summary>How long the operator process may take to react to a change in its world (reconnect, relist, write an event);
    /// well inside every test's budget, so a wait that runs out names what it awaited.</summary>
    public static readonly TimeSpan OperatorReaction = TimeSpan.FromSeconds(30);

    /// <summary>Between two reads from the API server, which the operator uses at the same time.</summary>
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan OperatorReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A production single-line console log, with the operator's own decisions at Debug.</summary>
    private static readonly Dictionary<string, string> ConsoleLogging = new(StringComparer.Ordinal)
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__FutReindexOperator"] = "Debug",
    };

    private readonly string _directory;
    private readonly Dictionary<string, string> _settings;
    private readonly List<(string Identity, OperatorProcess Process)> _replicas = [];

    /// <summary>The environment variable that chooses the RBAC install of the tests that do not choose one.</summary>
    public const string RbacVariable = "FUT_E2E_RBAC";

    /// <summary>The operator's user name at the API server.</summary>
    public static readonly string OperatorUser = RbacInstall.OperatorUser;

    private OperatorHarness(KubeApiTestServer api, HapiFhirSimulator simulator, IKubernetes client, string directory, Dictionary<string, string> settings)
    {
        Api = api;
        Simulator = simulator;
        Client = client;
        _directory = directory;
        _settings = settings;
    }

    public KubeApiTestServer Api { get; }

    public HapiFhirSimulator Simulator { get; }

    public IKubernetes Client { get; }

    public OperatorProcess? Operator { get; private set; }

    /// <summary>Every line any operator process of this harness wrote.</summary>
    public ConcurrentQueue<string> OperatorOutput { get; } = new();

    public string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    public int SimulatorPort => Simulator.BaseAddress.Port;

    /// <summary>Set by a test that provokes 403s on purpose (a removed rule), so disposal does not fail it for them.</summary>
    public bool ExpectsForbiddenRequests { get; set; }

    /// <summary>The operator's requests the API server refused with 403.</summary>
    public IReadOnlyList<FutReindexOperator.Testing.KubeApiServer.Authorization.Denial> ForbiddenOperatorRequests => Api.Denials.For(OperatorUser);

    /// <summary>The install chosen by <see cref="RbacVariable"/>: namespaced when it says so, cluster-wide otherwise.</summary>
    public static OperatorRbac DefaultRbac =>
        string.Equals(Environment.GetEnvironmentVariable(RbacVariable), "namespaced", StringComparison.OrdinalIgnoreCase) ? OperatorRbac.Namespaced : OperatorRbac.ClusterWide;

    /// <summary>Starts the servers, installs the CRD, creates the <c>organization</c> Service and the token Secret, and starts the operator.</summary>
    public static async Task<OperatorHarness> StartAsync(
        CancellationToken cancellationToken,
        Action<HapiSimulatorOptions>? simulator = null,
        IReadOnlyDictionary<string, string>? settings = null,
        bool startOperator = true,
        OperatorRbac? rbac = null)
    {
        var directory = Directory.CreateTempSubdirectory("reindex-e2e-").FullName;
        var api = await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 0, BookmarkInterval = TimeSpan.FromSeconds(1) }, cancellationToken);
        var simulatorOptions = new HapiSimulatorOptions { Services = [Service, "careplan"], AutomaticMaintenance = false };
        simulator?.Invoke(simulatorOptions);
        var sim = await HapiFhirSimulator.StartAsync(simulatorOptions, null, cancellationToken);
        api.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
        var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(directory, "kubeconfig")));
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kubernetes__Kubeconfig"] = Path.Combine(directory, "operator-kubeconfig"),
            ["OperatorRuntime__HttpPort"] = "0",
            ["OperatorRuntime__HttpBindAddress"] = "127.0.0.1",
            ["OperatorRuntime__ReconcileBackoffMax"] = "00:00:02",
            ["OperatorRuntime__WatchBackoffMax"] = "00:00:01",
            ["Reindex__Targets__HostTemplate"] = "127.0.0.1",
            ["Reindex__RetryBase"] = "00:00:00.200",
            ["Reindex__RetryCap"] = "00:00:01",
            ["Reindex__RefusedRetryBase"] = "00:00:00.500",
            ["Reindex__RefusedRetryCap"] = "00:00:02",
            ["Reindex__WaitingRecheck"] = "00:00:01",
            ["Reindex__Http__RequestTimeout"] = "00:00:03",
            // The administrator lists the simulator's token endpoint: the operator allows none by default.
            ["Reindex__Auth__AllowedTokenEndpoints__0"] = sim.TokenUrl.GetLeftPart(UriPartial.Authority),
        };
        var install = rbac ?? DefaultRbac;
        foreach (var (key, value) in RbacInstall.OperatorSettings(install, Namespace).Concat(settings ?? new Dictionary<string, string>()))
        {
            all[key] = value;
        }

        var harness = new OperatorHarness(api, sim, client, directory, all);
        try
        {
            await harness.InstallCrdAsync(cancellationToken);
            await RbacInstall.ApplyAsync(client, install, Namespace, cancellationToken);
            KubeApiTestServer.WriteKubeconfig(Path.Combine(directory, "operator-kubeconfig"), api.ServiceAccountKubeconfig(RbacInstall.OperatorNamespace, RbacInstall.ServiceAccount));
            await harness.CreateServiceAsync(Service, cancellationToken);
            await harness.CreateSecretAsync(TokenSecret, new Dictionary<string, string> { ["token"] = ValidToken }, cancellationToken);
            if (startOperator)
            {
                await harness.StartOperatorAsync(cancellationToken);
            }
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }

        return harness;
    }

    public async Task StartOperatorAsync(CancellationToken cancellationToken) =>
        Operator = await LaunchAsync(new Dictionary<string, string>(), OperatorOutput, cancellationToken);

    /// <summary>
    /// Starts one more operator process with leader election under <paramref name="identity"/> (a pod name), besides
    /// <see cref="Operator"/>, with its own <see cref="OperatorProcess.Output"/>; it is stopped with the harness.
    /// </summary>
    public async Task<OperatorProcess> StartReplicaAsync(string identity, CancellationToken cancellationToken)
    {
        var replica = await LaunchAsync(
            new Dictionary<string, string>
            {
                ["OperatorRuntime__LeaderElection__Enabled"] = "true",
                ["OperatorRuntime__LeaderElection__Identity"] = identity,
            },
            new ConcurrentQueue<string>(),
            cancellationToken);
        _replicas.Add((identity, replica));
        return replica;
    }

    private Task<OperatorProcess> LaunchAsync(Dictionary<string, string> replicaSettings, ConcurrentQueue<string> output, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(ConsoleLogging, StringComparer.Ordinal);
        foreach (var (key, value) in _settings.Concat(replicaSettings))
        {
            settings[key] = value;
        }

        var launch = new OperatorLaunch(Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.dll"), settings)
        {
            RemovedVariables = ["KUBECONFIG"],
            Output = output,
        };
        return OperatorProcess.StartAsync(launch, OperatorReadyTimeout, cancellationToken);
    }

    /// <summary>A spec that targets the <c>organization</c> Service with fast polling and the token Secret.</summary>
    public static ReindexJobSpec Spec(string service = Service)
        => new()
        {
            Target = new TargetSpec { Service = service, BasePath = $"/{service}/fhir" },
            Urls = ["Patient?"],
            Auth = new AuthSpec { BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = TokenSecret, Key = "token" } } },
            Polling = new PollingSpec
            {
                FirstInterval = TimeSpan.FromMilliseconds(200),
                MaxInterval = TimeSpan.FromMilliseconds(400),
                JitterPercent = 0,
                Deadline = TimeSpan.FromMinutes(5),
                StallTimeout = TimeSpan.FromMinutes(5),
                ErrorGracePeriod = TimeSpan.FromMilliseconds(500),
            },
        };

    /// <summary>Installs the ReindexJob and ReindexPlan CRDs.</summary>
    public async Task InstallCrdAsync(CancellationToken cancellationToken)
    {
        foreach (var yaml in new[] { CrdGenerator.GenerateYaml(), CrdGenerator.GeneratePlanYaml() })
        {
            await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(yaml), cancellationToken: cancellationToken);
        }
    }

    public Task<V1Service> CreateServiceAsync(string name, CancellationToken cancellationToken, string? type = null, string namespaceName = Namespace)
        => Client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = namespaceName },
                Spec = type == "ExternalName"
                    ? new V1ServiceSpec { Type = type, ExternalName = "fhir.example.org" }
                    : new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = SimulatorPort }] },
            },
            namespaceName,
            cancellationToken: cancellationToken);

    public Task<V1Secret> CreateSecretAsync(string name, IDictionary<string, string> values, CancellationToken cancellationToken)
        => Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
                Data = values.ToDictionary(pair => pair.Key, pair => Encoding.UTF8.GetBytes(pair.Value)),
            },
            Namespace,
            cancellationToken: cancellationToken);

    public Task<ReindexJob> CreateJobAsync(string name, ReindexJobSpec spec, CancellationToken cancellationToken)
        => Client.CustomObjects.CreateNamespacedCustomObjectAsync<ReindexJob>(
            new ReindexJob { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace }, Spec = spec },
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, Namespace, ReindexJob.Plural, cancellationToken: cancellationToken);

    public Task<ReindexJob> GetJobAsync(string name, CancellationToken cancellationToken)
        => Client.CustomObjects.GetNamespacedCustomObjectAsync<ReindexJob>(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, Namespace, ReindexJob.Plural, name, cancellationToken);

    public Task<ReindexJob> PatchJobAsync(string name, object mergePatch, CancellationToken cancellationToken)
        => Client.CustomObjects.PatchNamespacedCustomObjectAsync<ReindexJob>(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch),
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, Namespace, ReindexJob.Plural, name, cancellationToken: cancellationToken);

    /// <summary>GETs the job until <paramref name="condition"/> holds; the test's cancellation is the deadline, reported as a
    /// <see cref="TimeoutException"/> with the job's last status and the operator's output.</summary>
    public async Task<ReindexJob> WaitForJobAsync(string name, Func<ReindexJob, bool> condition, CancellationToken cancellationToken)
    {
        ReindexJob? last = null;
        try
        {
            return await Eventually.UntilAsync(
                async token => last = await FindJobAsync(name, token), condition, cancellationToken, Timeout.InfiniteTimeSpan, WaitStep);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"ReindexJob {name} never reached the expected state; last status: {(last?.Status is null ? "none" : KubernetesJson.Serialize(last.Status))}\noperator output:\n{string.Join('\n', OperatorOutput.TakeLast(60))}");
        }
    }

    /// <summary>The job, or <see langword="null"/> while the API server does not know it.</summary>
    private async Task<ReindexJob?> FindJobAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await GetJobAsync(name, cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<ReindexJob> WaitForPhaseAsync(string name, ReindexPhase phase, CancellationToken cancellationToken)
        => WaitForJobAsync(name, job => job.Status?.Phase == phase, cancellationToken);

    /// <summary>The job's events through <c>events.k8s.io/v1</c>, selected by <c>regarding.name</c>.</summary>
    public async Task<IReadOnlyList<Eventsv1Event>> EventsAsync(string name, CancellationToken cancellationToken)
        => (await Client.EventsV1.ListNamespacedEventAsync(Namespace, fieldSelector: $"regarding.name={name}", cancellationToken: cancellationToken)).Items.ToList();

    /// <summary>Waits until an event with <paramref name="reason"/> is visible (events are written asynchronously), at most <see cref="OperatorReaction"/>.</summary>
    public Task<IReadOnlyList<Eventsv1Event>> WaitForEventAsync(string name, string reason, CancellationToken cancellationToken)
        => Eventually.UntilAsync(
            async token => await EventsAsync(name, token),
            events => events.Any(item => item.Reason == reason),
            cancellationToken,
            OperatorReaction,
            WaitStep,
            what: $"an event {reason} about {name} is visible");

    /// <summary>The operator's health and metrics address, from its <c>Operator ready</c> line.</summary>
    public Uri OperatorHttpAddress()
    {
        const string marker = "health and metrics on ";
        var line = OperatorOutput.Last(text => text.Contains("Operator ready", StringComparison.Ordinal));
        var start = line.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return new Uri(line[start..line.IndexOf(')', start)]);
    }

    public async ValueTask DisposeAsync()
    {
        if (Operator is not null)
        {
            await Operator.DisposeAsync();
        }

        foreach (var (identity, replica) in _replicas)
        {
            await replica.DisposeAsync();
            await TestContext.Out.WriteLineAsync(string.Join('\n', replica.Output.Prepend($"output of replica {identity}:")));
        }

        // Kept with the test's result, to read a failure.
        await TestContext.Out.WriteLineAsync(string.Join('\n', OperatorOutput.Prepend("operator output:")));

        var forbidden = ForbiddenOperatorRequests;
        Client.Dispose();
        await Simulator.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
        if (forbidden.Count > 0 && !ExpectsForbiddenRequests)
        {
            throw new AssertionException(
                $"The API server refused {forbidden.Count} request(s) of the operator's ServiceAccount; its RBAC (config/rbac) lacks:\n" +
                string.Join('\n', forbidden.Select(denial => denial.Message).Distinct(StringComparer.Ordinal)));
        }
    }
}
