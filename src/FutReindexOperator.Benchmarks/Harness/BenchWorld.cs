using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using FutReindexOperator.Benchmarks.Measuring;
using FutReindexOperator.Crd;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using FutReindexOperator.Testing.OperatorHost;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Benchmarks.Harness;

/// <summary>
/// The servers of one run, in this process on 127.0.0.1: the Kubernetes API test server with the ReindexJob CRD, the
/// namespaces, one Service per target (its port is the simulator's, its base path the simulated service's) and the
/// credential Secrets; and the HAPI simulator scripted so every job answers IN_PROGRESS a fixed number of times, then
/// ends. Counts the requests the harness itself makes so they can be removed from the API server's counters.
/// </summary>
public sealed class BenchWorld : IAsyncDisposable
{
    public const string TokenSecret = "fhir-token";
    public const string OAuthSecret = "fhir-oauth";
    public const string OAuthClientSecret = "operator-secret";

    // About nine changes per job (create, five status writes, three events); 10,000 jobs must not push a watch's resume
    // point out of the server's history, or the run would measure the test server's window instead of the operator.
    private const int HistoryWindow = 250_000;

    /// <summary>The label (value <c>true</c>) on the first <see cref="WorldOptions.LabelledTargets"/> Services, as config/samples' plan selects.</summary>
    public const string PlanSelectorLabel = "fhir.fut.dk/reindex";

    private static readonly string JobResource = $"{ReindexJob.Plural}.{ReindexJob.ApiGroup}";
    private readonly string _directory;
    private long _creates;
    private long _lists;

    private BenchWorld(WorldOptions options, KubeApiTestServer api, HapiFhirSimulator simulator, IKubernetes client, string directory, string token)
    {
        Options = options;
        Api = api;
        Simulator = simulator;
        Client = client;
        _directory = directory;
        BearerToken = token;
        Targets = [.. Enumerable.Range(0, options.Targets).Select(index => new BenchTarget(index, NamespaceName(index % options.Namespaces), ServiceName(index)))];
    }

    public WorldOptions Options { get; }

    public KubeApiTestServer Api { get; }

    public HapiFhirSimulator Simulator { get; }

    public IKubernetes Client { get; }

    public IReadOnlyList<BenchTarget> Targets { get; }

    /// <summary>The static bearer token in the token Secrets (a secret: it must never appear in a log).</summary>
    public string BearerToken { get; }

    /// <summary>The values no log line may contain.</summary>
    public IReadOnlyCollection<string> Secrets => [BearerToken, OAuthClientSecret];

    /// <summary>Every line every operator process of this world wrote.</summary>
    public ConcurrentQueue<string> OperatorLog { get; } = new();

    public string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    /// <summary>The operator's kubeconfig: its ServiceAccount's token, authorized by the cluster-wide RBAC that ships.</summary>
    public string OperatorKubeconfigPath => Path.Combine(_directory, "operator-kubeconfig");

    /// <summary>The API requests the harness made since <see cref="SetUpAsync"/> (job creates and its polling lists).</summary>
    public Counters OwnRequests => new(new Dictionary<string, long>
    {
        [ApiRequestKey.Of("create", JobResource)] = Interlocked.Read(ref _creates),
        [ApiRequestKey.Of("list", JobResource)] = Interlocked.Read(ref _lists),
    });

    /// <summary>The API server's request counters now, as "verb resource".</summary>
    public Counters ApiCounters()
        => new(Api.Controls.Requests.Counters.ToDictionary(pair => ApiRequestKey.Of(pair.Key.Verb, pair.Key.Resource), pair => pair.Value, StringComparer.Ordinal));

    public static async Task<BenchWorld> StartAsync(WorldOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Directory.CreateTempSubdirectory("reindex-bench-").FullName;
        var api = await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 0, BookmarkInterval = TimeSpan.FromSeconds(5), HistoryWindow = HistoryWindow }, cancellationToken);
        HapiFhirSimulator? simulator = null;
        try
        {
            var services = Enumerable.Range(0, options.Targets).Select(ServiceName).ToList();
            simulator = await HapiFhirSimulator.StartAsync(new HapiSimulatorOptions { Services = services, AutomaticMaintenance = false, MaxRecordedRequests = options.RecordedRequests, ServiceListeners = options.ServiceListeners }, null, cancellationToken);
            for (var index = 0; index < services.Count; index++)
            {
                simulator.Controls.SetServiceScript(
                    services[index],
                    JobScript.ByPolls(options.ProgressPolls > 0 ? [(ReindexJobState.InProgress, options.ProgressPolls)] : [], options.FinalStateOf(index)));
            }

            api.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
            var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(directory, "kubeconfig")));
            return new BenchWorld(options, api, simulator, client, directory, UnsignedJwt.For(DateTimeOffset.UtcNow.AddDays(1)));
        }
        catch
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }

            await api.DisposeAsync();
            throw;
        }
    }

    public static string ServiceName(int index) => string.Create(CultureInfo.InvariantCulture, $"fhir-{index:000}");

    public static string NamespaceName(int index) => string.Create(CultureInfo.InvariantCulture, $"bench-{index:00}");

    public static string JobName(int index) => string.Create(CultureInfo.InvariantCulture, $"reindex-{index:00000}");

    /// <summary>A run in which the API server refused the operator measured a broken install, not the operator.</summary>
    /// <exception cref="InvalidOperationException">The API server refused a request of the operator's ServiceAccount.</exception>
    public void ThrowIfTheOperatorWasRefused()
    {
        var refused = Api.Denials.For(RbacInstall.OperatorUser);
        if (refused.Count > 0)
        {
            throw new InvalidOperationException(
                $"The API server refused {refused.Count} request(s) of the operator's ServiceAccount; config/rbac lacks:\n" +
                string.Join('\n', refused.Select(denial => denial.Message).Distinct(StringComparer.Ordinal)));
        }
    }

    /// <summary>
    /// Installs the CRD and the operator's ServiceAccount with the cluster-wide RBAC of config/rbac, and creates the
    /// namespaces, Services and Secrets.
    /// </summary>
    public async Task SetUpAsync(CancellationToken cancellationToken)
    {
        foreach (var yaml in new[] { CrdGenerator.GenerateYaml(), CrdGenerator.GeneratePlanYaml() })
        {
            await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
                KubernetesYaml.Deserialize<V1CustomResourceDefinition>(yaml), cancellationToken: cancellationToken);
        }

        await RbacInstall.ApplyAsync(Client, OperatorRbac.ClusterWide, Targets[0].Namespace, cancellationToken);
        KubeApiTestServer.WriteKubeconfig(OperatorKubeconfigPath, Api.ServiceAccountKubeconfig(RbacInstall.OperatorNamespace, RbacInstall.ServiceAccount));
        foreach (var name in Targets.Select(target => target.Namespace).Distinct(StringComparer.Ordinal))
        {
            await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
            await Client.CoreV1.CreateNamespacedSecretAsync(Secret(name, TokenSecret, new() { ["token"] = BearerToken }), name, cancellationToken: cancellationToken);
            await Client.CoreV1.CreateNamespacedSecretAsync(Secret(name, OAuthSecret, new() { ["client-id"] = "fut-reindex-operator", ["client-secret"] = OAuthClientSecret }), name, cancellationToken: cancellationToken);
        }

        foreach (var target in Targets)
        {
            await Client.CoreV1.CreateNamespacedServiceAsync(
                new V1Service
                {
                    Metadata = new V1ObjectMeta
                    {
                        Name = target.Service,
                        NamespaceProperty = target.Namespace,
                        Labels = target.Index < Options.LabelledTargets ? new Dictionary<string, string> { [PlanSelectorLabel] = "true" } : null,
                    },
                    Spec = new V1ServiceSpec
                    {
                        Ports = [new V1ServicePort { Name = "http", Port = Options.ServiceListeners ? Simulator.ServicePort(target.Service) : Simulator.BaseAddress.Port }],
                    },
                },
                target.Namespace,
                cancellationToken: cancellationToken);
        }
    }

    /// <summary>The environment of an operator process for this world (<paramref name="extra"/> wins).</summary>
    public Dictionary<string, string> OperatorEnvironment(int jobs, IReadOnlyDictionary<string, string>? extra = null)
    {
        var perTarget = (int)Math.Ceiling(jobs / (double)Options.Targets);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kubernetes__Kubeconfig"] = OperatorKubeconfigPath,
            ["OperatorRuntime__HttpPort"] = "0",
            ["OperatorRuntime__HttpBindAddress"] = "127.0.0.1",
            ["OperatorRuntime__ReconcileBackoffMax"] = "00:00:02",
            ["OperatorRuntime__WatchBackoffMax"] = "00:00:01",
            ["OperatorRuntime__LeaderElection__LeaseDuration"] = "00:00:04",
            ["OperatorRuntime__LeaderElection__RenewDeadline"] = "00:00:03",
            ["OperatorRuntime__LeaderElection__RetryPeriod"] = "00:00:00.500",
            ["Reindex__Targets__HostTemplate"] = "127.0.0.1",
            ["Reindex__Auth__AllowedTokenEndpoints__0"] = Simulator.TokenUrl.GetLeftPart(UriPartial.Authority),
            ["Reindex__MaxRunningPerTarget"] = Math.Clamp(perTarget, 1, 100).ToString(CultureInfo.InvariantCulture),
            ["Reindex__RetryBase"] = "00:00:00.200",
            ["Reindex__RetryCap"] = "00:00:01",
            ["Reindex__RefusedRetryBase"] = "00:00:00.500",
            ["Reindex__RefusedRetryCap"] = "00:00:02",
            ["Reindex__WaitingRecheck"] = "00:00:01",
            ["Reindex__Http__RequestTimeout"] = "00:00:03",
        };
        foreach (var (key, value) in RbacInstall.OperatorSettings(OperatorRbac.ClusterWide, Targets[0].Namespace).Concat(extra ?? new Dictionary<string, string>()))
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>The spec of every job on <paramref name="target"/>.</summary>
    public ReindexJobSpec Spec(BenchTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new ReindexJobSpec
        {
            Target = Options.ServiceListeners ? new TargetSpec { Service = target.Service } : new TargetSpec { Service = target.Service, BasePath = $"/{target.Service}/fhir" },
            Urls = ["Patient?"],
            Auth = Options.OAuth2
                ? new AuthSpec { OAuth2 = new OAuth2Auth { TokenUrl = Simulator.TokenUrl.ToString(), SecretName = OAuthSecret } }
                : new AuthSpec { BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = TokenSecret, Key = "token" } } },
            Polling = Polling,
        };
    }

    /// <summary>The poll policy of every job.</summary>
    public PollingSpec Polling => new()
    {
        FirstInterval = Options.FirstPollInterval,
        MaxInterval = Options.MaxPollInterval,
        JitterPercent = 0,
        Deadline = TimeSpan.FromHours(2),
        StallTimeout = TimeSpan.FromHours(1),
        // HAPI shows ERRORED like FAILED, so the operator confirms a failure over this period; short, so that jobs of
        // failing targets end within a run.
        ErrorGracePeriod = TimeSpan.FromSeconds(1),
    };

    /// <summary>The target of job <paramref name="index"/> (round robin).</summary>
    public BenchTarget TargetOf(int index) => Targets[index % Targets.Count];

    /// <summary>Creates jobs 0..<paramref name="count"/>-1 with <paramref name="parallelism"/> creates in flight.</summary>
    public async Task CreateJobsAsync(int count, int parallelism, CancellationToken cancellationToken)
        => await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (index, token) => await CreateJobAsync(JobName(index), TargetOf(index), token));

    /// <summary>Creates the job <paramref name="name"/> on <paramref name="target"/> (counted as the harness's own request).</summary>
    public async Task CreateJobAsync(string name, BenchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        Interlocked.Increment(ref _creates);
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new ReindexJob { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = target.Namespace }, Spec = Spec(target) },
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, target.Namespace, ReindexJob.Plural, cancellationToken: cancellationToken);
    }

    /// <summary>Every ReindexJob in every namespace (one list request, counted as the harness's own).</summary>
    public async Task<IReadOnlyList<ReindexJob>> ListJobsAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        var list = await Client.CustomObjects.ListClusterCustomObjectAsync<ReindexJobList>(ReindexJob.ApiGroup, ReindexJob.ApiVersionName, ReindexJob.Plural, cancellationToken: cancellationToken);
        return [.. list.Items];
    }

    /// <summary>Lists the jobs every <paramref name="interval"/> until <paramref name="done"/> holds for the list; returns it.</summary>
    public async Task<IReadOnlyList<ReindexJob>> WaitForJobsAsync(Func<IReadOnlyList<ReindexJob>, bool> done, TimeSpan interval, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        while (true)
        {
            var jobs = await ListJobsAsync(cancellationToken);
            if (done(jobs))
            {
                return jobs;
            }

            await Task.Delay(interval, timeProvider, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Simulator.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static V1Secret Secret(string namespaceName, string name, Dictionary<string, string> values) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = namespaceName },
        Data = values.ToDictionary(pair => pair.Key, pair => Encoding.UTF8.GetBytes(pair.Value)),
    };
}
