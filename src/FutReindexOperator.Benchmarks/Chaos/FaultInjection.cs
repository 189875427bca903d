using FutReindexOperator.Benchmarks.Harness;
using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>Carries out the non-kill faults on the API test server and the HAPI simulator.</summary>
public static class FaultInjection
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is a kill (the runner handles those).</exception>
    public static void Apply(BenchWorld world, FaultKind kind)
    {
        ArgumentNullException.ThrowIfNull(world);
        var api = world.Api.Controls;
        var mesh = world.Simulator.Controls;
        switch (kind)
        {
            case FaultKind.DropWatches:
                api.CloseAllWatches();
                break;
            case FaultKind.ApiInternalError:
                api.FailNext("patch", "*", 500, count: 3);
                break;
            case FaultKind.ApiTooManyRequests:
                api.FailNext("*", "/apis/*", 429, count: 3, retryAfterSeconds: 1);
                break;
            case FaultKind.ApiConflict:
                api.FailNext("patch", "*/status", 409, count: 3);
                break;
            case FaultKind.Envoy503:
                mesh.AddFault(new FaultRule { Fault = EnvoyFault.UpstreamConnectFailure, Count = 3 });
                break;
            case FaultKind.Envoy504:
                // On the POST, after HAPI created the job: the ambiguous case a second POST may follow.
                mesh.AddFault(new FaultRule { Fault = EnvoyFault.UpstreamTimeout, Operation = "$reindex", Count = 1, AfterUpstream = true });
                mesh.AddFault(new FaultRule { Fault = EnvoyFault.UpstreamTimeout, Count = 2 });
                break;
            case FaultKind.EnvoyReset:
                mesh.AddFault(new FaultRule { Fault = EnvoyFault.ConnectionReset, Count = 2, AfterUpstream = true });
                break;
            case FaultKind.EnvoyLatency:
                mesh.AddFault(new FaultRule { Fault = EnvoyFault.Latency, Count = 10, Delay = TimeSpan.FromMilliseconds(500) });
                break;
            case FaultKind.TokenOutage:
                mesh.AddFault(new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Service = "keycloak", Count = 5 });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Kills are carried out by the chaos runner.");
        }
    }
}
