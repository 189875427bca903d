using System.Net;
using System.Text.Json.Serialization;
using FutReindexOperator.Testing.HapiSimulator.Auth;
using FutReindexOperator.Testing.HapiSimulator.Controls;
using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FutReindexOperator.Testing.HapiSimulator.Hosting;

/// <summary>
/// A running simulator on 127.0.0.1: FHIR services under <c>/{service}/fhir</c>, the Keycloak token endpoint under
/// <c>/auth/realms/{realm}/protocol/openid-connect/token</c> and the control API under <c>/_sim</c>.
/// </summary>
public sealed class HapiFhirSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly ServiceListeners _listeners;

    private HapiFhirSimulator(WebApplication app, SimulatorRuntime runtime, SimulatorControls controls, Uri baseAddress, ServiceListeners listeners)
    {
        _app = app;
        _listeners = listeners;
        Runtime = runtime;
        Controls = controls;
        BaseAddress = baseAddress;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234/</c> (with a trailing slash).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Scripts, faults, jobs, recordings and counters.</summary>
    public SimulatorControls Controls { get; }

    /// <summary>The options it runs with.</summary>
    public HapiSimulatorOptions Options => Runtime.Options;

    /// <summary>The shared state behind the controls.</summary>
    public SimulatorRuntime Runtime { get; }

    /// <summary>The listening base of a FHIR service: <c>http://127.0.0.1:{port}/{service}/fhir</c> (no trailing slash).</summary>
    public Uri ServiceBase(string service) =>
        Runtime.ServiceNames.Contains(service)
            ? new Uri(BaseAddress, $"{service}/fhir")
            : throw new ArgumentException($"Service '{service}' is not simulated.", nameof(service));

    /// <summary>The port of <paramref name="service"/>'s own listener (<see cref="HapiSimulatorOptions.ServiceListeners"/>).</summary>
    public int ServicePort(string service)
    {
        if (!Runtime.ServiceNames.Contains(service))
        {
            throw new ArgumentException($"Service '{service}' is not simulated.", nameof(service));
        }

        return _listeners.PortOf(service)
            ?? throw new InvalidOperationException($"Service '{service}' has no listener of its own; start the simulator with ServiceListeners on.");
    }

    /// <summary>The base of <paramref name="service"/> on its own listener: <c>http://127.0.0.1:{port}/fhir</c> (no trailing slash).</summary>
    public Uri ServiceListenerBase(string service) => new($"http://127.0.0.1:{ServicePort(service)}/fhir");

    /// <summary>The token endpoint of the configured realm.</summary>
    public Uri TokenUrl => new(BaseAddress, $"auth/realms/{Options.Auth.Realm}/protocol/openid-connect/token");

    /// <summary>Starts a simulator with <paramref name="options"/> (defaults when null) on <paramref name="timeProvider"/> (the system clock when null), logging nothing.</summary>
    public static Task<HapiFhirSimulator> StartAsync(HapiSimulatorOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        StartAsync(options ?? new HapiSimulatorOptions(), timeProvider ?? TimeProvider.System, logging => logging.ClearProviders(), cancellationToken);

    /// <summary>Starts a simulator with the given logging.</summary>
    public static async Task<HapiFhirSimulator> StartAsync(
        HapiSimulatorOptions options, TimeProvider timeProvider, Action<ILoggingBuilder> configureLogging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(configureLogging);
        var runtime = new SimulatorRuntime(options, timeProvider);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(HapiFhirSimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configureLogging(builder.Logging);
        var serviceListenOptions = new Dictionary<string, ListenOptions>(StringComparer.Ordinal);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => UseMeshConnection(listen, options));
            foreach (var service in options.ServiceListeners ? options.Services : [])
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    UseMeshConnection(listen, options);
                    serviceListenOptions[service] = listen;
                });
            }
        });
        var listeners = new ServiceListeners();
        builder.Services.AddSingleton(listeners);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddHostedService<MaintenanceService>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        var controls = new SimulatorControls(runtime);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FutReindexOperator.Testing.HapiSimulator");
        app.UseMiddleware<ServiceListenerMiddleware>();

        // Routing runs after the listener's path rewrite (by default it would run first).
        app.UseRouting();
        if (options.LowercaseHeaderNames)
        {
            app.UseMiddleware<ContentLengthMiddleware>();
        }

        app.UseMiddleware<ControlErrorMiddleware>();
        app.UseMiddleware<MeshMiddleware>();
        app.Map("/{service}/fhir/{**rest}", (HttpContext context, string service, string? rest) => FhirDispatcher.HandleAsync(context, service, rest, runtime, logger));
        app.MapPost(TokenEndpoint.Route, (HttpContext context, string realm) => TokenEndpoint.HandleAsync(context, realm, runtime));
        ControlEndpoints.Map(app, controls, runtime);

        FhirJson.WarmUp();
        await app.StartAsync(cancellationToken);

        // Kestrel writes each bound endpoint (the chosen port) back into its listen options.
        foreach (var (service, listen) in serviceListenOptions)
        {
            listeners.Add(service, listen.IPEndPoint!.Port);
        }

        var address = $"http://127.0.0.1:{app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(bound => new Uri(bound).Port).First(port => listeners.ServiceOnPort(port) is null)}/";
        return new HapiFhirSimulator(app, runtime, controls, new Uri(address), listeners);
    }

    private static void UseMeshConnection(ListenOptions listen, HapiSimulatorOptions options)
    {
        if (options.LowercaseHeaderNames)
        {
            listen.Use(LowercaseHeaderNamesConnection.Wrap);
        }
    }

    /// <summary>Completes when the host stops: on <see cref="DisposeAsync"/>, Ctrl+C or SIGTERM.</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Stops listening and the maintenance timer.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
