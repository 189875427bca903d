using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Queue;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>Registers the controller runtime and its controllers.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the parts every controller of the process shares: options from the <c>OperatorRuntime</c> section
    /// (validated at start), the Kubernetes client (from the default kubeconfig or in-cluster config, unless one is
    /// registered already), the metric registry served on <c>/metrics</c> (<see cref="CollectorRegistry"/>: add the
    /// operator's own families to it), the leader gate, the status and event writers, health and the
    /// health/metrics HTTP server. <see cref="TimeProvider"/> defaults to <see cref="TimeProvider.System"/> unless
    /// registered before.
    /// </summary>
    public static IServiceCollection AddOperatorRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OperatorRuntimeOptions>()
            .BindValidated(configuration.GetSection(OperatorRuntimeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKubernetes>(provider => CreateKubernetesClient(provider, KubernetesClientConfiguration.BuildDefaultConfig()));
        services.TryAddSingleton(_ => Metrics.NewCustomRegistry());
        services.TryAddSingleton(provider => new RuntimeMetrics(provider.GetRequiredService<CollectorRegistry>()));
        services.TryAddSingleton<RuntimeHealth>();
        services.TryAddSingleton(provider =>
        {
            var registry = new ResourceTypeRegistry();
            foreach (var type in provider.GetServices<ResourceType>())
            {
                registry.Register(type);
            }

            return registry;
        });
        services.TryAddSingleton<OwnStatusWrites>();
        services.TryAddSingleton<IStatusWriter, StatusWriter>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OperatorRuntimeOptions>>().Value;
            return new EventRecorder(
                provider.GetRequiredService<IKubernetes>(),
                new EventRecorderOptions(options.EventReportingController, options.LeaderElection.Identity),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<EventRecorder>>());
        });
        services.TryAddSingleton<IEventRecorder>(provider => provider.GetRequiredService<EventRecorder>());
        services.AddHostedService(provider => provider.GetRequiredService<EventRecorder>());
        services.TryAddSingleton(CreateLeaderGate);
        services.TryAddSingleton<OperatorHttpServer>();
        services.AddHostedService(provider => provider.GetRequiredService<OperatorHttpServer>());
        return services;
    }

    /// <summary>
    /// A Kubernetes client for <paramref name="configuration"/> whose every request is counted in the
    /// <c>rest_client_*</c> families (see <see cref="KubernetesRequestMetrics"/>).
    /// </summary>
    public static k8s.Kubernetes CreateKubernetesClient(IServiceProvider provider, KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return new k8s.Kubernetes(
            configuration, KubernetesRequestMetrics.Create(provider.GetRequiredService<RuntimeMetrics>(), provider.GetRequiredService<TimeProvider>()));
    }

    /// <summary>
    /// Times each of the client's requests until its response headers and hands it, with its status code, to the
    /// recorder <paramref name="recorder"/> makes: the measuring of the runtime's own <c>rest_client_*</c> families. A
    /// request that gets no response (connection refused, reset, timeout) is recorded with the code <c>&lt;error&gt;</c>,
    /// client-go's value; a request the caller cancelled is not recorded. Time is the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static IHttpClientBuilder AddRequestMetrics(
        this IHttpClientBuilder builder, Func<IServiceProvider, Action<HttpRequestMessage, string, TimeSpan>> recorder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(recorder);
        return builder.AddHttpMessageHandler(provider => new RequestMetricsHandler(provider.GetRequiredService<TimeProvider>(), recorder(provider)));
    }

    /// <summary>
    /// Lets the client's requests out only while this replica is sure it leads (see <see cref="ILeaderGate.IsLeader"/>),
    /// checked right before each request leaves; a refused request throws <see cref="LeadershipUncertainException"/>
    /// and is certainly not sent. Add it to every client that acts on the leader's behalf.
    /// </summary>
    public static IHttpClientBuilder AddLeadershipFence(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHttpMessageHandler(provider => new LeadershipFenceHandler(provider.GetRequiredService<ILeaderGate>()));
    }

    /// <summary>
    /// Registers a controller for <typeparamref name="TResource"/>: its cache (<see cref="IResourceCache{TResource}"/>),
    /// queue (<see cref="IReconcileQueue{TResource}"/>), watchers and workers, and <typeparamref name="TReconciler"/>
    /// as a scoped <see cref="IReconciler{TResource}"/> (one scope per reconcile).
    /// </summary>
    public static IServiceCollection AddController<TResource, TReconciler>(
        this IServiceCollection services, ResourceType type, Action<ControllerOptions>? configure = null)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
        where TReconciler : class, IReconciler<TResource>
    {
        ArgumentNullException.ThrowIfNull(type);
        var controllerOptions = new ControllerOptions();
        configure?.Invoke(controllerOptions);
        var definition = new ControllerDefinition<TResource>(
            type, controllerOptions.Name ?? type.Kind.ToLowerInvariant(), [.. controllerOptions.WatchedAnnotations], controllerOptions.CrdInstallHint);

        services.AddSingleton(type);
        services.AddSingleton(definition);
        foreach (var owned in controllerOptions.OwnedKinds)
        {
            owned(services, type, provider => provider.GetRequiredService<ControllerParts<TResource>>().Enqueue);
        }

        services.AddScoped<IReconciler<TResource>, TReconciler>();
        services.AddSingleton<ResourceCache<TResource>>();
        services.AddSingleton<IResourceCache<TResource>>(provider => provider.GetRequiredService<ResourceCache<TResource>>());
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OperatorRuntimeOptions>>().Value;
            return new ReconcileQueue<TResource>(new WorkQueue(
                definition.Name,
                new WorkQueueOptions(options.ReconcileBackoffBase, options.ReconcileBackoffMax),
                provider.GetRequiredService<RuntimeMetrics>(),
                provider.GetRequiredService<TimeProvider>()));
        });
        services.AddSingleton<IReconcileQueue<TResource>>(provider => provider.GetRequiredService<ReconcileQueue<TResource>>());
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OperatorRuntimeOptions>>().Value;
            var client = provider.GetRequiredService<IKubernetes>();
            return new ControllerParts<TResource>(
                definition,
                options,
                scope => new KubernetesResourceSource<TResource>(client, type, scope, options.LabelSelector, options.WatchTimeoutSeconds),
                provider.GetRequiredService<ResourceCache<TResource>>(),
                provider.GetRequiredService<ReconcileQueue<TResource>>(),
                provider.GetRequiredService<IServiceScopeFactory>(),
                provider.GetRequiredService<RuntimeMetrics>(),
                provider.GetRequiredService<RuntimeHealth>(),
                provider.GetRequiredService<IEventRecorder>(),
                provider.GetRequiredService<OwnStatusWrites>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>(),
                provider.GetServices<IRelatedKeys<TResource>>(),
                [.. provider.GetServices<OwnerWake<TResource>>().Select(wake => (Action<ResourceChange<TResource>>)wake.Observe)]);
        });
        services.AddHostedService<ControllerService<TResource>>();
        return services;
    }

    private static ILeaderGate CreateLeaderGate(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<OperatorRuntimeOptions>>().Value.LeaderElection;
        if (!options.Enabled)
        {
            return new AlwaysLeaderGate();
        }

        var elector = new KubernetesLeaderElector(
            provider.GetRequiredService<IKubernetes>(),
            options,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<KubernetesLeaderElector>>());
        return new LeaseLeaderGate(
            elector, options.LeaseName, provider.GetRequiredService<RuntimeMetrics>(), provider.GetRequiredService<ILogger<LeaseLeaderGate>>());
    }

    /// <summary>
    /// Binds <paramref name="section"/> to the options; a value that cannot be converted (the binder's
    /// <see cref="InvalidOperationException"/>, which would otherwise end the process with a stack trace) becomes an
    /// <see cref="OptionsValidationException"/> naming the key and what is expected, reported like any other invalid value.
    /// </summary>
    public static OptionsBuilder<TOptions> BindValidated<TOptions>(this OptionsBuilder<TOptions> builder, IConfiguration section)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        return builder.Configure(options =>
        {
            try
            {
                section.Bind(options);
            }
            catch (InvalidOperationException exception)
            {
                var cause = exception.InnerException is { } inner ? $" {inner.Message}" : "";
                throw new OptionsValidationException(builder.Name, typeof(TOptions), [exception.Message + cause]);
            }
        });
    }
}
