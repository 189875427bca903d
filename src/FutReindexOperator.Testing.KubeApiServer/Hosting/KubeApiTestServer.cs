using System.Net;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Controls;
using FutReindexOperator.Testing.KubeApiServer.Discovery;
using FutReindexOperator.Testing.KubeApiServer.OpenApi;
using FutReindexOperator.Testing.KubeApiServer.Resources;
using FutReindexOperator.Testing.KubeApiServer.Storage;
using FutReindexOperator.Testing.KubeApiServer.Tables;
using FutReindexOperator.Testing.KubeApiServer.Watch;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FutReindexOperator.Testing.KubeApiServer.Hosting;

/// <summary>
/// A running Kubernetes API test server on 127.0.0.1, plain http. Start it with <see cref="StartAsync(KubeApiServerOptions, CancellationToken)"/>,
/// point clients at <see cref="BaseAddress"/> or a kubeconfig from <see cref="WriteKubeconfig"/>, drive failures
/// through <see cref="Controls"/>, and dispose it to stop.
/// </summary>
public sealed class KubeApiTestServer : IAsyncDisposable
{
    private static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    private readonly WebApplication _app;
    private readonly ObjectStore _store;

    private KubeApiTestServer(WebApplication app, ObjectStore store, Uri baseAddress)
    {
        _app = app;
        _store = store;
        BaseAddress = baseAddress;
        Controls = app.Services.GetRequiredService<TestControls>();
    }

    /// <summary>For example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public TestControls Controls { get; }

    /// <summary>The resource version of the last change.</summary>
    public long ResourceVersion => _store.ResourceVersion;

    /// <summary>How many objects are stored.</summary>
    public int ObjectCount => _store.Count;

    /// <summary>The kubeconfig YAML for this server (context <see cref="Kubeconfig.ContextName"/>, namespace <c>default</c>).</summary>
    public string Kubeconfig => Hosting.Kubeconfig.For(BaseAddress);

    public static Task<KubeApiTestServer> StartAsync(KubeApiServerOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, cancellationToken);

    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">When the options are invalid.</exception>
    public static async Task<KubeApiTestServer> StartAsync(KubeApiServerOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(KubeApiTestServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxRequestBodySize = 32 * 1024 * 1024;
        });
        var services = builder.Services;
        services.AddSingleton(timeProvider);
        services.AddSingleton(new ObjectStore(options.HistoryWindow, options.BookmarkInterval, timeProvider));
        services.AddSingleton<ResourceRegistry>();
        services.AddSingleton<ObjectWriter>();
        services.AddSingleton<GarbageCollection.GarbageCollectionSignal>();
        services.AddHostedService<GarbageCollection.GarbageCollector>();
        services.AddSingleton<TableBuilder>();
        services.AddSingleton<WatchStreamer>();
        services.AddSingleton<ResourceEndpoint>();
        services.AddSingleton<DiscoveryDocuments>();
        services.AddSingleton<OpenApiDocuments>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton(new RequestLog(options.RequestLogCapacity));
        services.AddSingleton<TestControls>();
        services.AddSingleton<ApiRouter>();
        services.AddRouting();

        var app = builder.Build();
        var router = app.Services.GetRequiredService<ApiRouter>();
        app.Use((context, next) => router.InvokeAsync(context, () => next(context)));
        app.UseRouting();
        ControlEndpoints.Map(app, app.Services.GetRequiredService<TestControls>());

        var writer = app.Services.GetRequiredService<ObjectWriter>();
        foreach (var ns in SystemNamespaces)
        {
            writer.Create(BuiltInResources.Namespaces, null, new System.Text.Json.Nodes.JsonObject
            {
                ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = ns },
            }, new WriteOptions("kube-apiserver", "Strict", false));
        }

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return new KubeApiTestServer(app, app.Services.GetRequiredService<ObjectStore>(), baseAddress);
    }

    /// <summary>Writes <see cref="Kubeconfig"/> to <paramref name="path"/>, creating its directory.</summary>
    public void WriteKubeconfig(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Kubeconfig);
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C or SIGTERM for the standalone process).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _store.CloseAllWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
    }
}
