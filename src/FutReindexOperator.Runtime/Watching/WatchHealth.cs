using FutReindexOperator.Runtime.Diagnostics;
using Prometheus;

namespace FutReindexOperator.Runtime.Watching;

/// <summary>
/// Freshness of one watch: when it last delivered an event, a bookmark or a list. A watch silent for longer than the
/// stalled bound is reported in <c>/healthz</c> and in <c>operator_runtime_watch_stalled</c>.
/// </summary>
/// <remarks>
/// A watch whose kind the API server does not serve (its CRD is missing) is not stalled but waiting: it is reported in
/// <c>/readyz</c> and <c>/healthz</c> as degraded and in <c>operator_runtime_watch_crd_missing</c>, and fails neither
/// probe, so that a missing CRD of one controller neither keeps the others from being ready nor restarts the pod.
/// </remarks>
internal sealed class WatchHealth
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _stalledAfter;
    private readonly Gauge.Child _secondsSinceActivity;
    private readonly Gauge.Child _stalled;
    private readonly Gauge.Child _crdMissing;
    private long _lastActivity;
    private volatile string? _missingCrd;

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
        _crdMissing = metrics.WatchCrdMissing.WithLabels(controller, scope);
        metrics.Registry.AddBeforeCollectCallback(Publish);
    }

    public string Controller { get; }

    /// <summary>The watched namespace, or empty for all namespaces.</summary>
    public string Scope { get; }

    public TimeSpan SinceLastActivity => _time.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    public bool IsStalled => _missingCrd is null && SinceLastActivity > _stalledAfter;

    /// <summary>The CustomResourceDefinition the API server lacks for this watch's kind, or null while it is served.</summary>
    public string? MissingCrd => _missingCrd;

    internal void RecordActivity() => Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());

    /// <summary>The API server answered that it does not serve the kind: <paramref name="crd"/> is missing.</summary>
    internal void RecordCrdMissing(string crd) => _missingCrd = crd;

    /// <summary>A list succeeded: the kind is served (again).</summary>
    internal void RecordCrdServed()
    {
        _missingCrd = null;
        RecordActivity();
    }

    private void Publish()
    {
        _secondsSinceActivity.Set(SinceLastActivity.TotalSeconds);
        _stalled.Set(IsStalled ? 1 : 0);
        _crdMissing.Set(_missingCrd is null ? 0 : 1);
    }
}
