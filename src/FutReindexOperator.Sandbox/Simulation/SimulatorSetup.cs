using System.Text.Json.Nodes;
using FutReindexOperator.Sandbox.Options;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Sandbox.Simulation;

/// <summary>The simulator's options for a sandbox run.</summary>
public static class SimulatorSetup
{
    /// <summary>
    /// Every service of <see cref="SimulatedServices"/> on its own listener, jobs as fast as <paramref name="speed"/>, FUT's
    /// public bases in <see cref="SandboxOptions.Namespace"/>, and the accounts of <paramref name="secrets"/>.
    /// </summary>
    public static HapiSimulatorOptions Options(SimulatedSpeed speed, IEnumerable<JsonObject> secrets)
    {
        ArgumentNullException.ThrowIfNull(speed);
        var options = new HapiSimulatorOptions
        {
            Services = [.. SimulatedServices.All],
            ServiceListeners = true,
            Namespace = SandboxOptions.Namespace,
            MaintenanceInterval = speed.MaintenanceInterval,
            DefaultJob = new JobTimelineOptions { QueuedFor = speed.QueuedFor, InProgressFor = speed.InProgressFor, FinalizeFor = speed.FinalizeFor },
        };
        options.Auth.ServicesWithoutAuth.Add(SimulatedServices.WithoutAuth);
        SimulatorAccounts.AddFromSecrets(options.Auth, secrets);
        return options;
    }
}
