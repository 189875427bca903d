using System.Collections.Concurrent;

namespace FutReindexOperator.Testing.KubeApiServer.Controls;

/// <summary>
/// The requests the server handled: the most recent ones in full (bounded) and a counter per verb and
/// resource (unbounded, for benchmarks).
/// </summary>
public sealed class RequestLog(int capacity)
{
    private readonly ConcurrentQueue<RequestRecord> _recent = new();
    private readonly ConcurrentDictionary<(string Verb, string Resource), long> _counts = new();

    public void Add(RequestRecord record)
    {
        _recent.Enqueue(record);
        while (_recent.Count > capacity && _recent.TryDequeue(out _))
        {
        }

        _counts.AddOrUpdate((record.Verb, record.Resource), 1, (_, count) => count + 1);
    }

    /// <summary>The most recent requests, oldest first.</summary>
    public IReadOnlyList<RequestRecord> Recent => _recent.ToArray();

    /// <summary>How many requests were handled with <paramref name="verb"/> on <paramref name="resource"/>.</summary>
    public long Count(string verb, string resource) => _counts.TryGetValue((verb, resource), out var count) ? count : 0;

    public IReadOnlyDictionary<(string Verb, string Resource), long> Counters => _counts.ToDictionary(p => p.Key, p => p.Value);

    public void Clear()
    {
        _recent.Clear();
        _counts.Clear();
    }
}
