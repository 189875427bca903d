using System.Collections.Concurrent;

namespace FutReindexOperator.Testing.HapiSimulator.Hosting;

/// <summary>The bound port of each service's own listener (<see cref="HapiSimulatorOptions.ServiceListeners"/>).</summary>
public sealed class ServiceListeners
{
    private readonly ConcurrentDictionary<int, string> _serviceByPort = new();
    private readonly ConcurrentDictionary<string, int> _portByService = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="service"/> listens on <paramref name="port"/>.</summary>
    public void Add(string service, int port)
    {
        _serviceByPort[port] = service;
        _portByService[service] = port;
    }

    /// <summary>The service whose own listener has <paramref name="port"/>; null for the shared port.</summary>
    public string? ServiceOnPort(int port) => _serviceByPort.GetValueOrDefault(port);

    /// <summary>The port of <paramref name="service"/>'s own listener; null when it has none.</summary>
    public int? PortOf(string service) => _portByService.TryGetValue(service, out var port) ? port : null;
}
