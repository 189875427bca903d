using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.KubeApiServer.Hosting;

namespace FutReindexOperator.Sandbox.Faults;

/// <summary>Puts a <see cref="FaultPlan"/> into the servers through their test controls.</summary>
public static class FaultInjection
{
    /// <summary>Installs the simulator's Envoy faults and the API server's failures and latency.</summary>
    public static void Apply(FaultPlan plan, KubeApiTestServer apiServer, HapiFhirSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(apiServer);
        ArgumentNullException.ThrowIfNull(simulator);
        foreach (var rule in plan.SimulatorFaults)
        {
            simulator.Controls.AddFault(rule);
        }

        foreach (var fault in plan.ApiServerFaults)
        {
            apiServer.Controls.FailNext(fault.Verb, fault.PathGlob, fault.Status, fault.Count, fault.RetryAfterSeconds);
        }

        if (plan.ApiLatency is { } latency)
        {
            apiServer.Controls.AddLatency(latency);
        }
    }

    /// <summary>Closes every open watch each <see cref="FaultPlan.WatchDropInterval"/> until <paramref name="cancellationToken"/> (at once when the plan drops none).</summary>
    public static async Task DropWatchesAsync(FaultPlan plan, KubeApiTestServer apiServer, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(apiServer);
        if (plan.WatchDropInterval is not { } period)
        {
            return;
        }

        using var timer = new PeriodicTimer(period, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                apiServer.Controls.CloseAllWatches();
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
