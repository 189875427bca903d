using System.Net;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Auth;
using FutReindexOperator.Testing.KubeApiServer.Authorization;
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
/// point clients at <see cref="BaseAddress"/> or a kubeconfig from <see cref="WriteKubeconfig(string)"/>, drive failures
/// through <see cref="Controls"/>, and dispose it to stop.
/// </summary>
public sealed class KubeApiTestServer : IAsyncDisposable
{
    private static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly TokenAuthenticator _tokens;
    private readonly string _authorityData;

    private KubeApiTestServer(WebApplication app, ObjectStore store, Uri baseAddress, Uri httpsAddress, string authorityData)
    {
        _app = app;
        _store = store;
        _authorityData = authorityData;
        BaseAddress = baseAddress;
        HttpsAddress = httpsAddress;
        Controls = app.Services.GetRequiredService<TestControls>();
        _tokens = app.Services.GetRequiredService<TokenAuthenticator>();
        Denials = app.Services.GetRequiredService<DenialLog>();
    }

    /// <summary>For example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// The same API over TLS with a self-signed certificate, for example <c>https://127.0.0.1:41235/</c>; kubeconfigs point
    /// here, because kubectl sends tokens and impersonation headers only over TLS.
    /// </summary>
    public Uri HttpsAddress { get; }

    public TestControls Controls { get; }

    /// <summary>The resource version of the last change.</summary>
    public long ResourceVersion => _store.ResourceVersion;

    /// <summary>How many objects are stored.</summary>
    public int ObjectCount => _store.Count;

    /// <summary>
    /// The kubeconfig YAML for this server as the built-in admin (group <c>system:masters</c>, allowed everything);
    /// context <see cref="Kubeconfig.ContextName"/>, namespace <c>default</c>.
    /// </summary>
    public string Kubeconfig => KubeconfigFor(UserInfo.Admin);

    /// <summary>Every request refused with 403 Forbidden, with who made it and what it lacked.</summary>
    public DenialLog Denials { get; }

    /// <summary>A bearer token that authenticates as <paramref name="user"/> (the same one on every call).</summary>
    public string TokenFor(UserInfo user) => _tokens.Issue(user);

    /// <summary>The kubeconfig YAML for <paramref name="user"/>; what it may do is what RBAC grants it here.</summary>
    public string KubeconfigFor(UserInfo user, string ns = "default")
    {
        ArgumentNullException.ThrowIfNull(user);
        return Hosting.Kubeconfig.For(HttpsAddress, _authorityData, user.Name, TokenFor(user), ns);
    }

    /// <summary>
    /// The kubeconfig of a ServiceAccount, as its token mounted in a pod would act (user
    /// <c>system:serviceaccount:NS:NAME</c>, groups <c>system:serviceaccounts</c>, <c>system:serviceaccounts:NS</c>).
    /// Requests with it get 401 while the ServiceAccount does not exist, as a deleted account's token does.
    /// </summary>
    public string ServiceAccountKubeconfig(string ns, string name) => KubeconfigFor(UserInfo.ServiceAccount(ns, name), ns);

    public static Task<KubeApiTestServer> StartAsync(KubeApiServerOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, cancellationToken);

    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">When the options are invalid.</exception>
    public static async Task<KubeApiTestServer> StartAsync(KubeApiServerOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var certificate = ServingCertificate.Create(timeProvider);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(KubeApiTestServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, options.HttpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(certificate);
            });
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
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<RbacAuthorizer>();
        services.AddSingleton<DenialLog>();
        services.AddSingleton<RequestAuthorization>();
        services.AddSingleton<ReviewEndpoints>();
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

        foreach (var role in BootstrapPolicy.ClusterRoles())
        {
            writer.Create(BuiltInResources.ClusterRoles, null, role, new WriteOptions("kube-apiserver", "Strict", false));
        }

        foreach (var binding in BootstrapPolicy.ClusterRoleBindings())
        {
            writer.Create(BuiltInResources.ClusterRoleBindings, null, binding, new WriteOptions("kube-apiserver", "Strict", false));
        }

        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"))
            .ToList();
        return new KubeApiTestServer(
            app,
            app.Services.GetRequiredService<ObjectStore>(),
            addresses.First(a => a.Scheme == Uri.UriSchemeHttp),
            addresses.First(a => a.Scheme == Uri.UriSchemeHttps),
            ServingCertificate.AuthorityData(certificate));
    }

    /// <summary>Writes <see cref="Kubeconfig"/> (the admin's) to <paramref name="path"/>, creating its directory.</summary>
    public void WriteKubeconfig(string path) => WriteKubeconfig(path, Kubeconfig);

    /// <summary>Writes a kubeconfig (for example <see cref="ServiceAccountKubeconfig"/>) to <paramref name="path"/>, creating its directory.</summary>
    public static void WriteKubeconfig(string path, string kubeconfig)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, kubeconfig);
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
