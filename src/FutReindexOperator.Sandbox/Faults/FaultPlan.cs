using FutReindexOperator.Sandbox.Options;
using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.Sandbox.Faults;

/// <summary>
/// What a fault profile injects. Submissions only get faults that never reach HAPI (503 before the upstream, 429), so
/// no submission is ambiguous and every sample can still succeed; polls, tokens and the API server get the rest.
/// </summary>
/// <param name="SimulatorFaults">Envoy faults in the simulator.</param>
/// <param name="ApiServerFaults">Failed API requests.</param>
/// <param name="ApiLatency">Latency on every API request, if any.</param>
/// <param name="WatchDropInterval">How often every open watch is closed, if at all.</param>
public sealed record FaultPlan(
    IReadOnlyList<FaultRule> SimulatorFaults, IReadOnlyList<ApiServerFault> ApiServerFaults, TimeSpan? ApiLatency, TimeSpan? WatchDropInterval)
{
    private const string Status = "$hapi.fhir.reindex-status";
    private const string Submit = "$reindex";
    private const string StatusWrites = "*/reindexjobs/*/status";

    public static FaultPlan For(FaultProfile profile) => profile switch
    {
        FaultProfile.Flaky => new(
            [
                new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Operation = Status, Probability = 0.2 },
                new FaultRule { Fault = EnvoyFault.RateLimited, Operation = Submit, Count = 2 },
            ],
            [new ApiServerFault("*", StatusWrites, 500, 2)],
            null,
            TimeSpan.FromSeconds(10)),
        FaultProfile.Chaos => new(
            [
                new FaultRule { Fault = EnvoyFault.UpstreamTimeout, Operation = Status, Probability = 0.15 },
                new FaultRule { Fault = EnvoyFault.ConnectionReset, Operation = Status, Probability = 0.1 },
                new FaultRule { Fault = EnvoyFault.UpstreamConnectFailure, Operation = Submit, Count = 3 },
                new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Service = MeshTarget.KeycloakName, Count = 2 },
                new FaultRule { Fault = EnvoyFault.Latency, Delay = TimeSpan.FromMilliseconds(200), Probability = 0.3 },
            ],
            [
                new ApiServerFault("*", StatusWrites, 429, 3),
                new ApiServerFault("*", StatusWrites, 500, 2),
                new ApiServerFault("create", "*/events", 500, 2),
            ],
            TimeSpan.FromMilliseconds(30),
            TimeSpan.FromSeconds(3)),
        _ => new([], [], null, null),
    };
}
