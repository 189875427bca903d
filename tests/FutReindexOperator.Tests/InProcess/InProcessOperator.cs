using FutReindexOperator.Hosting;
using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Testing.Conditions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// The operator as <c>Program.cs</c> builds it (<see cref="ReindexOperatorServiceCollectionExtensions.AddReindexOperator"/>,
/// options validated before the start), run as a host inside the test process instead of a child process. Its logs go
/// to <see cref="CapturedLog"/> at the levels the process tests use (Information, the operator's own at Debug).
/// </summary>
internal sealed class InProcessOperator : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly IHost _host;

    private InProcessOperator(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>The health and metrics address, as <c>Operator ready</c> logs it.</summary>
    public Uri HttpAddress => Services.GetRequiredService<OperatorHttpServer>().Address!;

    /// <summary>
    /// Builds and starts the host with <paramref name="settings"/> (keys as environment variables spell them, with
    /// <c>__</c>) as its only configuration, and returns once every
    /// cache has synced (what <c>/readyz</c> reports). A <paramref name="timeProvider"/> replaces the system clock
    /// wherever the operator takes a <see cref="TimeProvider"/>.
    /// </summary>
    public static async Task<InProcessOperator> StartAsync(
        IReadOnlyDictionary<string, string> settings, CapturedLog log, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":", StringComparison.Ordinal), (string?)pair.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Information).AddFilter("FutReindexOperator", LogLevel.Debug).AddProvider(log);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddReindexOperator(builder.Configuration);
        var host = builder.Build();
        var running = new InProcessOperator(host);
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.StartAsync(cancellationToken);
            var health = host.Services.GetRequiredService<RuntimeHealth>();
            await Eventually.UntilAsync(() => health.IsReady, cancellationToken, ReadyTimeout, what: "the in-process operator's caches have synced");
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }

        return running;
    }

    /// <summary>Whether the host has begun to stop (the process would be exiting).</summary>
    public bool HasStopped => Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;

    /// <summary>The Prometheus text the operator serves on <c>/metrics</c>.</summary>
    public async Task<string> ScrapeAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(HttpAddress, "metrics"), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(stop.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
