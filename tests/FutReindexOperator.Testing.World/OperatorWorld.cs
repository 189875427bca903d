using System.Collections.Concurrent;
using System.Net;
using System.Text;
using FutReindexOperator.Crd;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Auth;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.KubeApiServer.Authorization;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using FutReindexOperator.Testing.OperatorHost;
using k8s;
using k8s.Autorest;
using k8s.Models;
using NUnit.Framework;

namespace FutReindexOperator.Testing.World;

/// <summary>
/// One test world: the Kubernetes API test server and the HAPI simulator in this process (real HTTP on 127.0.0.1), the
/// ReindexJob and ReindexPlan CRDs, the operator's ServiceAccount with the RBAC that ships (<see cref="OperatorRbac"/>;
/// cluster-wide unless <see cref="RbacVariable"/> says <c>namespaced</c>), the <c>organization</c> Service and a token
/// Secret, and the operator's settings (<see cref="Settings"/>). How the operator runs is the subclass's: a child
/// process or a host in the test process; either connects as its ServiceAccount, and any request of it the API server
/// refuses with 403 fails the test at disposal, unless the test said it expects them.
/// </summary>
public abstract class OperatorWorld : IAsyncDisposable
{
    public const string Namespace = "default";
    public const string Service = "organization";
    public const string TokenSecret = "fhir-token";

    /// <summary>The environment variable that chooses the RBAC install of the worlds that do not choose one.</summary>
    public const string RbacVariable = "FUT_E2E_RBAC";

    /// <summary>An unsigned token FUT's HAPI accepts (role <c>$reindex</c>, user type SYSTEM), valid for a day.</summary>
    public static readonly string ValidToken = UnsignedToken.Create(DateTimeOffset.UtcNow.AddDays(1), "SYSTEM");

    /// <summary>How long the operator may take to react to a change in its world (reconnect, relist, write an event);
    /// well inside every test's budget, so a wait that runs out names what it awaited.</summary>
    public static readonly TimeSpan OperatorReaction = TimeSpan.FromSeconds(30);

    private readonly string _directory;

    /// <summary>Starts the servers (their options as <paramref name="options"/> says) in a fresh temporary folder.</summary>
    protected OperatorWorld(WorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = Directory.CreateTempSubdirectory("reindex-world-").FullName;
        Rbac = options.Rbac ?? DefaultRbac;
        SimulatorOptions = new HapiSimulatorOptions { Services = [Service, "careplan"], AutomaticMaintenance = false };
        options.Simulator?.Invoke(SimulatorOptions);
        Overrides = options.Settings ?? new Dictionary<string, string>();
    }

    /// <summary>The operator's user name at the API server.</summary>
    public static string OperatorUser => RbacInstall.OperatorUser;

    /// <summary>The install chosen by <see cref="RbacVariable"/>: namespaced when it says so, cluster-wide otherwise.</summary>
    public static OperatorRbac DefaultRbac =>
        string.Equals(Environment.GetEnvironmentVariable(RbacVariable), "namespaced", StringComparison.OrdinalIgnoreCase) ? OperatorRbac.Namespaced : OperatorRbac.ClusterWide;

    public KubeApiTestServer Api { get; private set; } = null!;

    public HapiFhirSimulator Simulator { get; private set; } = null!;

    /// <summary>A client with the administrator's rights, for the test's own reads and writes.</summary>
    public IKubernetes Client { get; private set; } = null!;

    /// <summary>The administrator's kubeconfig, for the real kubectl.</summary>
    public string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    /// <summary>The RBAC install the operator's ServiceAccount has.</summary>
    public OperatorRbac Rbac { get; }

    /// <summary>
    /// The operator's configuration, keys as environment variables spell them (<c>Reindex__Http__RequestTimeout</c>):
    /// the world's defaults (fast retries and polling, the operator's kubeconfig, the simulator's token endpoint
    /// allowed) with the test's settings over them.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <summary>Every line any operator of this world logged.</summary>
    public ConcurrentQueue<string> OperatorOutput { get; } = new();

    /// <summary>Set by a test that provokes 403s on purpose (a removed rule), so disposal does not fail it for them.</summary>
    public bool ExpectsForbiddenRequests { get; set; }

    /// <summary>The operator's requests the API server refused with 403.</summary>
    public IReadOnlyList<Denial> ForbiddenOperatorRequests => Api.Denials.For(OperatorUser);

    /// <summary>Between two reads from the API server while a test waits.</summary>
    protected virtual TimeSpan WaitStep => TimeSpan.FromMilliseconds(100);

    /// <summary>The ServiceAccount's kubeconfig, the operator's unless a test's settings name another.</summary>
    private string OperatorKubeconfigPath => Path.Combine(_directory, "operator-kubeconfig");

    private HapiSimulatorOptions SimulatorOptions { get; }

    private IReadOnlyDictionary<string, string> Overrides { get; }

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

    /// <summary>Starts the operator with <see cref="Settings"/>; returns once it is ready.</summary>
    public abstract Task StartOperatorAsync(CancellationToken cancellationToken);

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

    public Task DeleteJobAsync(string name, CancellationToken cancellationToken)
        => Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, Namespace, ReindexJob.Plural, name, cancellationToken: cancellationToken);

    /// <summary>GETs the job until <paramref name="condition"/> holds; the test's cancellation is the deadline, reported as a
    /// <see cref="TimeoutException"/> with the job's last status and the operator's last lines.</summary>
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
            throw new TimeoutException($"ReindexJob {name} never reached the expected state; last status: {(last?.Status is null ? "none" : KubernetesJson.Serialize(last.Status))}{OutputTail()}");
        }
    }

    public Task<ReindexJob> WaitForPhaseAsync(string name, ReindexPhase phase, CancellationToken cancellationToken)
        => WaitForJobAsync(name, job => job.Status?.Phase == phase, cancellationToken);

    /// <summary>The events about <paramref name="name"/> through <c>events.k8s.io/v1</c>, selected by <c>regarding.name</c>.</summary>
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

    /// <summary>The operator's last lines, to end a failure message with.</summary>
    public string OutputTail() => "\noperator output:\n" + string.Join('\n', OperatorOutput.TakeLast(60));

    /// <summary>
    /// Stops every operator, then the servers, and deletes the folder; fails (<see cref="AssertionException"/>) when
    /// the API server refused a request of the operator that the test did not expect to be refused.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await StopOperatorsAsync();

        // Kept with the test's result, to read a failure.
        await TestContext.Out.WriteLineAsync(string.Join('\n', OperatorOutput.Prepend("operator output:")));
        var forbidden = Api is null ? [] : ForbiddenOperatorRequests;
        Client?.Dispose();
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
        if (forbidden.Count > 0 && !ExpectsForbiddenRequests)
        {
            throw new AssertionException(
                $"The API server refused {forbidden.Count} request(s) of the operator's ServiceAccount; its RBAC (config/rbac) lacks:\n" +
                string.Join('\n', forbidden.Select(denial => denial.Message).Distinct(StringComparer.Ordinal)));
        }
    }

    /// <summary>
    /// Starts the servers, installs the CRDs and the operator's identity, creates the <c>organization</c> Service and the
    /// token Secret, and starts the operator unless <paramref name="startOperator"/> is false. On any failure the world
    /// is disposed.
    /// </summary>
    protected async Task SetUpAsync(bool startOperator, CancellationToken cancellationToken)
    {
        try
        {
            Api = await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 0, BookmarkInterval = TimeSpan.FromSeconds(1) }, cancellationToken);
            Simulator = await HapiFhirSimulator.StartAsync(SimulatorOptions, null, cancellationToken);
            Api.WriteKubeconfig(KubeconfigPath);
            Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));
            Settings = OperatorSettings();
            await InstallCrdAsync(cancellationToken);
            await RbacInstall.ApplyAsync(Client, Rbac, Namespace, cancellationToken);
            KubeApiTestServer.WriteKubeconfig(OperatorKubeconfigPath, Api.ServiceAccountKubeconfig(RbacInstall.OperatorNamespace, RbacInstall.ServiceAccount));
            await CreateServiceAsync(Service, cancellationToken);
            await CreateSecretAsync(TokenSecret, new Dictionary<string, string> { ["token"] = ValidToken }, cancellationToken);
            if (startOperator)
            {
                await StartOperatorAsync(cancellationToken);
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops every operator of this world (once) and writes what only it kept to the test's output.</summary>
    protected abstract ValueTask StopOperatorsAsync();

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

    private Dictionary<string, string> OperatorSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kubernetes__Kubeconfig"] = OperatorKubeconfigPath,
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
            ["Reindex__Auth__AllowedTokenEndpoints__0"] = Simulator.TokenUrl.GetLeftPart(UriPartial.Authority),
        };
        foreach (var (key, value) in RbacInstall.OperatorSettings(Rbac, Namespace).Concat(Overrides))
        {
            // A test may spell a key as configuration does (Reindex:Http:RequestTimeout): it means the same key.
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return settings;
    }
}
