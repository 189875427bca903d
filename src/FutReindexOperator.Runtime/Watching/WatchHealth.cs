using FutReindexOperator.Runtime.Diagnostics;
using Prometheus;

namespace FutReindexOperator.Runtime.Watching;

/// <summary>
/// Freshness of one watch: when it last delivered an event, a bookmark or a list. A watch silent for longer than the
/// stalled bound is reported in <c>/healthz</c> and in <c>operator_runtime_watch_stalled</c>.
/// </summary>
internal sealed class WatchHealth
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _stalledAfter;
    private readonly Gauge.Child _secondsSinceActivity;
    private readonly Gauge.Child _stalled;
    private long _lastActivity;

    public WatchHealth(string controller, string scope, TimeSpan stalledAfter, RuntimeMetrics metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        Controller = controller;
        Scope = scope;
        _stalledAfter = stalledAfter;
        _time = time;
        _lastActivity = time.GetTimestamp();
        _secondsSinceActivity = metrics.WatchSecondsSinceActivity.WithLabels(controller, scope);
        _stalled = metrics.WatchStalled.WithLabels(controller, scope);
        metrics.Registry.AddBeforeCollectCallback(Publish);
    }

    public string Controller { get; }

    /// <summary>The watched namespace, or empty for all namespaces.</summary>
    public string Scope { get; }

    public TimeSpan SinceLastActivity => _time.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    public bool IsStalled => SinceLastActivity > _stalledAfter;

    internal void RecordActivity() => Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());

    private void Publish()
    {
        _secondsSinceActivity.Set(SinceLastActivity.TotalSeconds);
        _stalled.Set(IsStalled ? 1 : 0);
    }
}
