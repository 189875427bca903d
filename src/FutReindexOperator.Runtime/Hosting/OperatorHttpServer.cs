using System.Net;
using FutReindexOperator.Runtime.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>
/// A Kestrel server of its own (the operator host need not be a web app) serving <see cref="OperatorEndpoints"/>
/// on <see cref="OperatorRuntimeOptions.HttpBindAddress"/>:<see cref="OperatorRuntimeOptions.HttpPort"/>.
/// </summary>
/// <remarks>
/// The server is built directly rather than through a second web host, whose configuration, service provider and
/// middleware pipeline would serve nothing here.
/// </remarks>
public sealed class OperatorHttpServer(
    IOptions<OperatorRuntimeOptions> options, RuntimeHealth health, CollectorRegistry metrics, ILoggerFactory loggerFactory)
    : IHostedService, IDisposable
{
    private KestrelServer? _server;

    /// <summary>The address the server listens on, once started (useful when the configured port is 0).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var kestrel = new KestrelServerOptions { AddServerHeader = false };
        kestrel.Listen(IPAddress.Parse(settings.HttpBindAddress), settings.HttpPort);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory);
        var server = new KestrelServer(Options.Create(kestrel), transport, loggerFactory);
        await server.StartAsync(new OperatorEndpoints(health, metrics), cancellationToken);
        _server = server;

        var address = server.Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address);
        loggerFactory.CreateLogger<OperatorHttpServer>().HttpListening(address);
    }

    public Task StopAsync(CancellationToken cancellationToken)
        => _server?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public void Dispose() => _server?.Dispose();
}
