using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Runtime.Watching;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>One operator process in miniature: a host with the runtime, the Widget controller and its own client.</summary>
public sealed class RuntimeInstance : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly PartitionHandler _partition;
    private bool _stopped;

    private RuntimeInstance(IHost host, PartitionHandler partition, ReconcilerScript script, string identity)
    {
        _host = host;
        _partition = partition;
        Script = script;
        Identity = identity;
    }

    public ReconcilerScript Script { get; }

    public string Identity { get; }

    public IServiceProvider Services => _host.Services;

    public Uri HttpAddress => _host.Services.GetRequiredService<OperatorHttpServer>().Address!;

    internal RuntimeMetrics Metrics => _host.Services.GetRequiredService<RuntimeMetrics>();

    public bool HasSynced => _host.Services.GetRequiredService<IResourceCache<Widget>>().HasSynced;

    /// <summary>Test-friendly timings: short backoffs and watch timeouts, leader election off unless asked for.</summary>
    public static Dictionary<string, string?> DefaultSettings(string identity) => new()
    {
        ["OperatorRuntime:HttpPort"] = "0",
        ["OperatorRuntime:HttpBindAddress"] = "127.0.0.1",
        ["OperatorRuntime:MaxConcurrentReconciles"] = "4",
        ["OperatorRuntime:WatchTimeoutSeconds"] = "30",
        ["OperatorRuntime:WatchInactivityTimeout"] = "00:00:35",
        ["OperatorRuntime:WatchBackoffBase"] = "00:00:00.050",
        ["OperatorRuntime:WatchBackoffMax"] = "00:00:00.500",
        ["OperatorRuntime:ReconcileBackoffBase"] = "00:00:00.010",
        ["OperatorRuntime:ReconcileBackoffMax"] = "00:00:00.500",
        ["OperatorRuntime:LeaderElection:Enabled"] = "false",
        ["OperatorRuntime:LeaderElection:Identity"] = identity,
        ["OperatorRuntime:LeaderElection:LeaseNamespace"] = "default",
    };

    public static async Task<RuntimeInstance> StartAsync(
        KubernetesClientConfiguration clientConfiguration,
        string identity,
        CancellationToken cancellationToken,
        Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = DefaultSettings(identity);
        configure?.Invoke(settings);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var partition = new PartitionHandler();
        var script = new ReconcilerScript();
        builder.Services.AddSingleton<IKubernetes>(new k8s.Kubernetes(clientConfiguration, partition));
        builder.Services.AddSingleton(script);
        builder.Services.AddOperatorRuntime(builder.Configuration);
        builder.Services.AddController<Widget, StatusWritingReconciler>(Widget.Type);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new RuntimeInstance(host, partition, script, identity);
    }

    /// <summary>A graceful stop, as on SIGTERM: drain, release the lease, stop.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        await _host.StopAsync(cancellationToken);
    }

    /// <summary>An abrupt stop, as on SIGKILL or a network partition: from now on nothing reaches the API server.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _partition.Cut();
        await StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _host.StopAsync(timeout.Token);
        }

        _host.Dispose();
    }
}
