using System.Security.Cryptography;
using FutReindexOperator.Testing.HapiSimulator.Auth;
using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using FutReindexOperator.Testing.HapiSimulator.Recording;

namespace FutReindexOperator.Testing.HapiSimulator.Hosting;

/// <summary>The simulator's shared state: jobs, faults, recordings, tokens. One per running simulator.</summary>
public sealed class SimulatorRuntime
{
    public SimulatorRuntime(HapiSimulatorOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ValidateOrThrow();
        Options = options;
        TimeProvider = timeProvider;
        ServiceNames = new HashSet<string>(options.Services, StringComparer.Ordinal);
        var signingKey = RandomNumberGenerator.GetBytes(32);
        Jobs = new ReindexJobStore(timeProvider, options.Hapi, options.DefaultJob.ToScript());
        Faults = new FaultInjector(options.Seed);
        Recorder = new RequestRecorder(options.MaxRecordedRequests);
        Traffic = new TrafficCounters();
        Outcomes = new Outcomes(options.Hapi);
        Tokens = new TokenIssuer(options.Auth, timeProvider, signingKey, $"https://keycloak.{options.Namespace}.local/auth/realms/{options.Auth.Realm}");
        Jwt = new JwtInspector(options.Auth, timeProvider, signingKey);
    }

    public HapiSimulatorOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ISet<string> ServiceNames { get; }

    public ReindexJobStore Jobs { get; }

    public FaultInjector Faults { get; }

    public RequestRecorder Recorder { get; }

    public TrafficCounters Traffic { get; }

    public Outcomes Outcomes { get; }

    public TokenIssuer Tokens { get; }

    public JwtInspector Jwt { get; }

    /// <summary>Whether requests to <paramref name="service"/> need a bearer token.</summary>
    public bool RequiresToken(string service) =>
        Options.Auth.RequireToken && !Options.Auth.ServicesWithoutAuth.Contains(service, StringComparer.Ordinal);
}
