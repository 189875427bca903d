using System.Net;
using FutReindexOperator.Runtime.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>
/// A small Kestrel server of its own (the operator host need not be a web app) serving <c>/healthz</c> (liveness:
/// no stalled watch), <c>/readyz</c> (readiness: every cache synced, on the leader and on standbys) and
/// <c>/metrics</c> (Prometheus text format of the runtime's registry).
/// </summary>
public sealed class OperatorHttpServer(
    IOptions<OperatorRuntimeOptions> options, RuntimeHealth health, RuntimeMetrics metrics, ILogger<OperatorHttpServer> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address the server listens on, once started (useful when the configured port is 0).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.HttpBindAddress), settings.HttpPort));
        builder.Services.AddHealthChecks()
            .AddCheck("informers-synced", new CachesSyncedCheck(health), tags: ["ready"])
            .AddCheck("watches-fresh", new WatchesFreshCheck(health), tags: ["live"]);

        var app = builder.Build();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live"), ResponseWriter = WritePlainTextAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WritePlainTextAsync });
        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        _app = app;

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address);
        logger.HttpListening(address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>The overall status on the first line (what probes and people look for), then each check's description.</summary>
    private static Task WritePlainTextAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(entry => $"{entry.Key}: {entry.Value.Status}: {entry.Value.Description}");
        return context.Response.WriteAsync(string.Join('\n', lines.Prepend(report.Status.ToString())) + "\n", context.RequestAborted);
    }

    private sealed class CachesSyncedCheck(RuntimeHealth health) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var unsynced = health.Unsynced();
            return Task.FromResult(unsynced.Count == 0
                ? HealthCheckResult.Healthy("Every cache has synced.")
                : HealthCheckResult.Unhealthy($"Caches not yet synced: {string.Join(", ", unsynced)}."));
        }
    }

    private sealed class WatchesFreshCheck(RuntimeHealth health) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var stalled = health.Stalled();
            return Task.FromResult(stalled.Count == 0
                ? HealthCheckResult.Healthy("Every watch delivered events or bookmarks recently.")
                : HealthCheckResult.Unhealthy(
                    "Stalled watches: " + string.Join(", ", stalled.Select(watch => $"{watch.Controller} '{watch.Scope}' silent for {watch.SinceLastActivity}")) + "."));
        }
    }
}
