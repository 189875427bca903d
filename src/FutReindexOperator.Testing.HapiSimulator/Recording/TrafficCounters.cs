using System.Collections.Concurrent;

namespace FutReindexOperator.Testing.HapiSimulator.Recording;

/// <summary>Counts requests per target and injected faults per kind. Thread-safe.</summary>
public sealed class TrafficCounters
{
    /// <summary>The target name counted for requests no route matched.</summary>
    public const string NoRoute = "(no route)";

    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _faults = new(StringComparer.Ordinal);

    public void CountRequest(string? target) => _requests.AddOrUpdate(target ?? NoRoute, 1, (_, count) => count + 1);

    public void CountFault(string fault) => _faults.AddOrUpdate(fault, 1, (_, count) => count + 1);

    public IReadOnlyDictionary<string, int> Requests => new Dictionary<string, int>(_requests, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Faults => new Dictionary<string, int>(_faults, StringComparer.Ordinal);

    public void Clear()
    {
        _requests.Clear();
        _faults.Clear();
    }
}
