namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>What makes two events "the same" for aggregation: the object and everything said about it.</summary>
internal readonly record struct EventIdentity(
    string? RegardingUid, string? Namespace, string Name, string? Kind, EventSeverity Severity, string Reason, string Action, string Note);

/// <summary>One sighting of an event: the stored event to update (null: create one) and the series so far.</summary>
internal sealed record EventOccurrence(EventIdentity Identity, string? EventName, int Count, DateTimeOffset LastObserved);

/// <summary>
/// Pure aggregation of repeated events into series, as events.k8s.io/v1 intends: a repeat within
/// <see cref="SeriesWindow"/> of the previous sighting counts towards the same event; a later one starts afresh.
/// Expired series are swept at most once per <see cref="SweepInterval"/>, so that an operator writing thousands of
/// events does not scan every series on every event.
/// </summary>
internal sealed class EventSeriesTracker
{
    /// <summary>client-go's window for isomorphic events.</summary>
    public static readonly TimeSpan SeriesWindow = TimeSpan.FromMinutes(6);

    /// <summary>The longest an expired series stays in memory after <see cref="SeriesWindow"/>.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<EventIdentity, Series> _series = [];
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>How many series are remembered (expired ones included until the next sweep).</summary>
    public int Count => _series.Count;

    public EventOccurrence Observe(EventIdentity identity, DateTimeOffset now)
    {
        var cutoff = now - SeriesWindow;
        if (now >= _nextSweep)
        {
            ForgetOlderThan(cutoff);
            _nextSweep = now + SweepInterval;
        }

        if (_series.TryGetValue(identity, out var series) && series.LastObserved >= cutoff)
        {
            series.Count++;
            series.LastObserved = now;
        }
        else
        {
            series = new Series { Count = 1, LastObserved = now };
            _series[identity] = series;
        }

        return new EventOccurrence(identity, series.EventName, series.Count, now);
    }

    /// <summary>Records the name under which the event of <paramref name="identity"/> is stored, or forgets it (null).</summary>
    public void Stored(EventIdentity identity, string? eventName)
    {
        if (_series.TryGetValue(identity, out var series))
        {
            series.EventName = eventName;
        }
    }

    private void ForgetOlderThan(DateTimeOffset cutoff)
    {
        foreach (var (identity, series) in _series)
        {
            if (series.LastObserved < cutoff)
            {
                _series.Remove(identity);
            }
        }
    }

    private sealed class Series
    {
        public string? EventName { get; set; }

        public int Count { get; set; }

        public DateTimeOffset LastObserved { get; set; }
    }
}
