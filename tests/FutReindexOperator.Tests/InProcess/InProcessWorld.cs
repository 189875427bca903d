using System.Net;
using System.Text;
using FutReindexOperator.Crd;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Auth;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using FutReindexOperator.Testing.OperatorHost;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// One world with the operator inside the test process: the Kubernetes API test server and the HAPI simulator (real
/// HTTP on 127.0.0.1), the CRDs, the shipped RBAC with the operator connecting as its ServiceAccount, the
/// <c>organization</c> Service and a token Secret, and <see cref="InProcessOperator"/> configured as the end-to-end
/// tests configure the process. Any request of the operator the API server refuses with 403 fails the test at disposal.
/// </summary>
internal sealed class InProcessWorld : IAsyncDisposable
{
    public const string Namespace = "default";
    public const string Service = "organization";
    public const string TokenSecret = "fhir-token";

    /// <summary>An unsigned token FUT's HAPI accepts (role <c>$reindex</c>, user type SYSTEM), valid for a day.</summary>
    public static readonly string ValidToken = UnsignedToken.Create(DateTimeOffset.UtcNow.AddDays(1), "SYSTEM");

    /// <summary>How long the operator may take to react to a change in its world; well inside every test's budget.</summary>
    public static readonly TimeSpan OperatorReaction = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(50);

    private readonly string _directory;
    private readonly Dictionary<string, string> _settings;
    private readonly TimeProvider? _timeProvider;

    private InProcessWorld(KubeApiTestServer api, HapiFhirSimulator simulator, IKubernetes client, string directory, Dictionary<string, string> settings, TimeProvider? timeProvider)
    {
        Api = api;
        Simulator = simulator;
        Client = client;
        _directory = directory;
        _settings = settings;
        _timeProvider = timeProvider;
    }

    public KubeApiTestServer Api { get; }

    public HapiFhirSimulator Simulator { get; }

    /// <summary>A client with the administrator's rights, for the test's own reads and writes.</summary>
    public IKubernetes Client { get; }

    public InProcessOperator? Operator { get; private set; }

    /// <summary>Every line the operator logged.</summary>
    public CapturedLog Log { get; } = new();

    /// <summary>
    /// Starts the servers and creates the world's objects; then the operator, unless <paramref name="startOperator"/> is
    /// false. <paramref name="settings"/> (configuration keys, with <c>:</c> or <c>__</c>) override the defaults;
    /// <paramref name="timeProvider"/> replaces the operator's clock.
    /// </summary>
    public static async Task<InProcessWorld> StartAsync(
        CancellationToken cancellationToken,
        Action<HapiSimulatorOptions>? simulator = null,
        IReadOnlyDictionary<string, string>? settings = null,
        bool startOperator = true,
        TimeProvider? timeProvider = null)
    {
        var directory = Directory.CreateTempSubdirectory("reindex-inprocess-").FullName;
        var api = await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 0, BookmarkInterval = TimeSpan.FromSeconds(1) }, cancellationToken);
        var simulatorOptions = new HapiSimulatorOptions { Services = [Service, "careplan"], AutomaticMaintenance = false };
        simulator?.Invoke(simulatorOptions);
        var sim = await HapiFhirSimulator.StartAsync(simulatorOptions, null, cancellationToken);
        api.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
        var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(directory, "kubeconfig")));
        var operatorKubeconfig = Path.Combine(directory, "operator-kubeconfig");
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kubernetes:Kubeconfig"] = operatorKubeconfig,
            ["OperatorRuntime:HttpPort"] = "0",
            ["OperatorRuntime:HttpBindAddress"] = "127.0.0.1",
            ["OperatorRuntime:ReconcileBackoffMax"] = "00:00:02",
            ["OperatorRuntime:WatchBackoffMax"] = "00:00:01",
            ["Reindex:Targets:HostTemplate"] = "127.0.0.1",
            ["Reindex:RetryBase"] = "00:00:00.200",
            ["Reindex:RetryCap"] = "00:00:01",
            ["Reindex:RefusedRetryBase"] = "00:00:00.500",
            ["Reindex:RefusedRetryCap"] = "00:00:02",
            ["Reindex:WaitingRecheck"] = "00:00:01",
            ["Reindex:Http:RequestTimeout"] = "00:00:03",
            // The administrator lists the simulator's token endpoint: the operator allows none by default.
            ["Reindex:Auth:AllowedTokenEndpoints:0"] = sim.TokenUrl.GetLeftPart(UriPartial.Authority),
        };
        foreach (var (key, value) in RbacInstall.OperatorSettings(OperatorRbac.ClusterWide, Namespace).Concat(settings ?? new Dictionary<string, string>()))
        {
            // Keys as environment variables spell them (Reindex__Http__RequestTimeout) mean what they mean to the process.
            all[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        var world = new InProcessWorld(api, sim, client, directory, all, timeProvider);
        try
        {
            foreach (var yaml in new[] { CrdGenerator.GenerateYaml(), CrdGenerator.GeneratePlanYaml() })
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(yaml), cancellationToken: cancellationToken);
            }

            await RbacInstall.ApplyAsync(client, OperatorRbac.ClusterWide, Namespace, cancellationToken);
            KubeApiTestServer.WriteKubeconfig(operatorKubeconfig, api.ServiceAccountKubeconfig(RbacInstall.OperatorNamespace, RbacInstall.ServiceAccount));
            await world.CreateServiceAsync(Service, cancellationToken);
            await world.CreateSecretAsync(TokenSecret, new Dictionary<string, string> { ["token"] = ValidToken }, cancellationToken);
            if (startOperator)
            {
                await world.StartOperatorAsync(cancellationToken);
            }
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }

        return world;
    }

    public async Task StartOperatorAsync(CancellationToken cancellationToken)
        => Operator = await InProcessOperator.StartAsync(_settings, Log, _timeProvider, cancellationToken);

    /// <summary>A spec that targets <paramref name="service"/> with fast polling and the token Secret.</summary>
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

    public Task<V1Service> CreateServiceAsync(string name, CancellationToken cancellationToken, string? type = null, string namespaceName = Namespace)
        => Client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = namespaceName },
                Spec = type == "ExternalName"
                    ? new V1ServiceSpec { Type = type, ExternalName = "fhir.example.org" }
                    : new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = Simulator.BaseAddress.Port }] },
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
    /// <see cref="TimeoutException"/> with the job's last status and the operator's last log lines.</summary>
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
            throw new TimeoutException($"ReindexJob {name} never reached the expected state; last status: {(last?.Status is null ? "none" : KubernetesJson.Serialize(last.Status))}\noperator log:\n{string.Join('\n', Log.Lines.TakeLast(60))}");
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

    public async ValueTask DisposeAsync()
    {
        if (Operator is not null)
        {
            await Operator.DisposeAsync();
        }

        // Kept with the test's result, to read a failure.
        await TestContext.Out.WriteLineAsync(string.Join('\n', Log.Lines.Prepend("operator log:")));
        var forbidden = Api.Denials.For(RbacInstall.OperatorUser);
        Client.Dispose();
        await Simulator.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
        forbidden.Should().BeEmpty("the operator's ServiceAccount has the RBAC that ships (config/rbac)");
    }
}
