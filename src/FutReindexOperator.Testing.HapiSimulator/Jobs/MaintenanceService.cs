using FutReindexOperator.Testing.HapiSimulator.Hosting;

namespace FutReindexOperator.Testing.HapiSimulator.Jobs;

/// <summary>HAPI's batch job maintenance: a pass every <see cref="HapiSimulatorOptions.MaintenanceInterval"/> on the simulator's clock.</summary>
public sealed class MaintenanceService(SimulatorRuntime runtime) : IHostedService, IAsyncDisposable
{
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = runtime.Options;
        if (options.AutomaticMaintenance)
        {
            _timer = runtime.TimeProvider.CreateTimer(_ => runtime.Jobs.RunMaintenance(), null, options.MaintenanceInterval, options.MaintenanceInterval);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }
    }
}
