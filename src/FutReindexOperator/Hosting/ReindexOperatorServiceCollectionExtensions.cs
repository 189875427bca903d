using FutReindexOperator.Admission;
using FutReindexOperator.Auth;
using FutReindexOperator.Decisions;
using FutReindexOperator.Diagnostics;
using FutReindexOperator.Fhir;
using FutReindexOperator.Kubernetes;
using FutReindexOperator.Model;
using FutReindexOperator.Plans;
using FutReindexOperator.Reconciling;
using FutReindexOperator.Runtime;
using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;
using FutReindexOperator.Targets;
using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace FutReindexOperator.Hosting;

/// <summary>Registers the ReindexJob operator on the controller runtime.</summary>
public static class ReindexOperatorServiceCollectionExtensions
{
    /// <summary>The section of <see cref="TargetOptions"/>.</summary>
    public const string TargetsSection = ReindexOperatorPolicy.SectionName + ":" + TargetOptions.SectionName;

    /// <summary>The section of <see cref="AuthOptions"/>.</summary>
    public const string AuthSection = ReindexOperatorPolicy.SectionName + ":" + AuthOptions.SectionName;

    /// <summary>The default <c>OperatorRuntime:EventReportingController</c>: the controller named in events.</summary>
    public const string EventReportingController = "fhir.fut.dk/reindex-operator";

    /// <summary>The default <c>OperatorRuntime:LeaderElection:LeaseName</c>.</summary>
    public const string LeaseName = "fut-reindex-operator";

    /// <summary>The ReindexJob resource type as the runtime addresses it.</summary>
    public static ResourceType ReindexJobType { get; } = new(ReindexJob.ApiGroup, ReindexJob.ApiVersionName, ReindexJob.Plural, ReindexJob.KindName, Namespaced: true);

    /// <summary>The ReindexPlan resource type as the runtime addresses it.</summary>
    public static ResourceType ReindexPlanType { get; } = new(ReindexJob.ApiGroup, ReindexJob.ApiVersionName, ReindexPlan.Plural, ReindexPlan.KindName, Namespaced: true);

    /// <summary>The command that installs one of the operator's CRDs, from the chart (or config/crd) of the running version.</summary>
    private static string CrdInstallHint(string plural)
        => $"kubectl apply --server-side -f charts/fut-reindex-operator/crds/{ReindexJob.ApiGroup}_{plural}.yaml (from the chart of this operator's version; or kubectl apply -k config/crd)";

    /// <summary>
    /// Registers everything the operator needs: options (validated at start), the Kubernetes client (see
    /// <see cref="KubernetesConnection"/>, unless one is registered already), the controller runtime, the ReindexJob
    /// and ReindexPlan controllers, credentials, the FHIR client, metrics and the readiness log line.
    /// </summary>
    public static IServiceCollection AddReindexOperator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // Durations in the CRD's syntax (72h) as well as TimeSpan's, for every option bound from here on (the runtime's too).
        DurationConverter.Register();
        services.AddOptions<ReindexOperatorPolicy>().BindValidated(configuration.GetSection(ReindexOperatorPolicy.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TargetOptions>().BindValidated(configuration.GetSection(TargetsSection)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().BindValidated(configuration.GetSection(AuthSection)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FhirClientOptions>().BindValidated(configuration.GetSection(FhirClientOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KubernetesConnectionOptions>().BindValidated(configuration.GetSection(KubernetesConnectionOptions.SectionName));

        services.TryAddSingleton<IKubernetes>(provider =>
        {
            var (clientConfiguration, source) = KubernetesConnection.Build(
                provider.GetRequiredService<IOptions<KubernetesConnectionOptions>>().Value, Environment.GetEnvironmentVariable);
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KubernetesConnection)).KubernetesConnection(clientConfiguration.Host, source);
            return RuntimeServiceCollectionExtensions.CreateKubernetesClient(provider, clientConfiguration);
        });
        // Defaults of this operator; configuration binds over them.
        services.Configure<OperatorRuntimeOptions>(runtime =>
        {
            runtime.EventReportingController = EventReportingController;
            runtime.LeaderElection.LeaseName = LeaseName;
        });
        services.AddOperatorRuntime(configuration);
        services.AddController<ReindexJob, ReindexReconciler>(ReindexJobType, controller =>
        {
            controller.WatchedAnnotations.Add(ReindexJob.RerunAnnotation);
            controller.CrdInstallHint = CrdInstallHint(ReindexJob.Plural);
        });
        services.AddController<ReindexPlan, ReindexPlanReconciler>(ReindexPlanType, controller =>
        {
            controller.Owns<ReindexJob>().WatchedAnnotations.Add(ReindexJob.RerunAnnotation);
            controller.CrdInstallHint = CrdInstallHint(ReindexPlan.Plural);
        });

        services.TryAddSingleton<KubernetesReader>();
        services.TryAddSingleton<IServiceReader>(provider => provider.GetRequiredService<KubernetesReader>());
        services.TryAddSingleton<ISecretReader>(provider => provider.GetRequiredService<KubernetesReader>());
        services.TryAddSingleton<TokenCache>();
        services.TryAddSingleton<SlotAdmission>();
        services.AddSingleton<IRelatedKeys<ReindexJob>>(provider => provider.GetRequiredService<SlotAdmission>());
        services.AddSingleton(SlotAdmission.TargetCacheIndex);
        services.TryAddSingleton<ReindexObserver>();
        services.TryAddSingleton<JobStatusWrites>();
        services.TryAddSingleton<PlanExpectations>();
        services.AddScoped<ReindexServerCalls>();
        services.AddHttpClient<OAuth2TokenClient>(ConfigureTimeout)
            .ConfigurePrimaryHttpMessageHandler(FhirReindexClient.CreatePrimaryHandler);
        services.AddHttpClient<FhirReindexClient>(ConfigureTimeout)
            .ConfigurePrimaryHttpMessageHandler(FhirReindexClient.CreatePrimaryHandler)
            .AddLeadershipFence()
            .AddRequestMetrics(provider => FhirRequestMetrics.Recorder(provider.GetRequiredService<ReindexMetrics>()));
        services.AddScoped(provider => new CredentialProvider(
            provider.GetRequiredService<ISecretReader>(),
            provider.GetRequiredService<OAuth2TokenClient>(),
            provider.GetRequiredService<TokenCache>(),
            provider.GetRequiredService<IOptions<AuthOptions>>().Value));
        services.TryAddSingleton(CreateMetrics);
        services.AddHostedService<MetricsPublication>();
        services.AddHostedService<ReadinessAnnouncer>();
        return services;
    }

    private static void ConfigureTimeout(IServiceProvider provider, HttpClient client)
        => client.Timeout = provider.GetRequiredService<IOptions<FhirClientOptions>>().Value.RequestTimeout;

    private static ReindexMetrics CreateMetrics(IServiceProvider provider)
    {
        var registry = provider.GetRequiredService<CollectorRegistry>();
        var metrics = new ReindexMetrics(registry);
        var cache = provider.GetRequiredService<IResourceCache<ReindexJob>>();
        registry.AddBeforeCollectCallback(() => metrics.ObserveJobs(cache.List()));
        return metrics;
    }
}
