namespace FutReindexOperator.Testing.HapiSimulator.Recording;

/// <summary>Keeps the most recent requests (bounded) for tests and benchmarks to inspect. Thread-safe.</summary>
public sealed class RequestRecorder(int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<RecordedRequest> _requests = new();
    private long _sequence;

    /// <summary>The next sequence number.</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Keeps <paramref name="request"/>, dropping the oldest beyond the capacity.</summary>
    public void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.AddLast(request);
            while (_requests.Count > capacity)
            {
                _requests.RemoveFirst();
            }
        }
    }

    /// <summary>The recorded requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> List()
    {
        lock (_gate)
        {
            return _requests.OrderBy(request => request.Sequence).ToList();
        }
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
