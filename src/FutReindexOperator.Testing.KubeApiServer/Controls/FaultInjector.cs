using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Controls;

/// <summary>Makes chosen requests fail or slow down, for testing how clients cope.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];
    private readonly List<(RequestPattern Pattern, TimeSpan Delay)> _latencies = [];

    /// <summary>Makes the next <paramref name="count"/> matching requests fail with <paramref name="statusCode"/>.</summary>
    /// <param name="verb">A Kubernetes verb, an HTTP method, or <c>*</c>.</param>
    /// <param name="pathGlob">The URL path; <c>*</c> matches any characters.</param>
    /// <param name="statusCode">The HTTP status to answer (400 or more).</param>
    /// <param name="count">How many matching requests fail.</param>
    /// <param name="retryAfterSeconds">Sent as <c>Retry-After</c> with 429 responses.</param>
    public void FailNext(string verb, string pathGlob, int statusCode, int count = 1, int retryAfterSeconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _faults.Add(new Fault(new RequestPattern(verb, pathGlob), statusCode, retryAfterSeconds) { Remaining = count });
        }
    }

    /// <summary>Delays every matching request by <paramref name="delay"/> before it is handled.</summary>
    public void AddLatency(TimeSpan delay, string verb = "*", string pathGlob = "*")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        lock (_gate)
        {
            _latencies.Add((new RequestPattern(verb, pathGlob), delay));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
            _latencies.Clear();
        }
    }

    /// <summary>The injected failure for this request, consuming one of its remaining count; null to proceed.</summary>
    public ApiException? TakeFailure(string verb, string method, string path)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => f.Pattern.Matches(verb, method, path));
            if (fault is null)
            {
                return null;
            }

            if (--fault.Remaining == 0)
            {
                _faults.Remove(fault);
            }

            return StatusObjects.Injected(fault.StatusCode, fault.RetryAfterSeconds);
        }
    }

    public TimeSpan LatencyFor(string verb, string method, string path)
    {
        lock (_gate)
        {
            return _latencies.Where(l => l.Pattern.Matches(verb, method, path)).Aggregate(TimeSpan.Zero, (sum, l) => sum + l.Delay);
        }
    }

    private sealed record Fault(RequestPattern Pattern, int StatusCode, int RetryAfterSeconds)
    {
        public int Remaining { get; set; }
    }
}
