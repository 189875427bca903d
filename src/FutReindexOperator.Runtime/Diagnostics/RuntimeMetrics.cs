using Prometheus;

namespace FutReindexOperator.Runtime.Diagnostics;

/// <summary>
/// The runtime's Prometheus metric families, created once in one registry. Names and labels follow
/// controller-runtime (<c>controller_runtime_*</c>, <c>workqueue_*</c>, <c>leader_election_master_status</c>) and
/// client-go (<c>rest_client_*</c>) so that existing dashboards and alerts work; the watch-health families are ours and
/// start with <c>operator_runtime_watch_</c>. The registry also carries prometheus-net's process and .NET runtime
/// families (<c>process_*</c>, <c>dotnet_*</c>), as controller-runtime carries Go's.
/// </summary>
internal sealed class RuntimeMetrics
{
    // controller-runtime's buckets for reconcile time and client-go's for work queue durations.
    private static readonly double[] ReconcileTimeBuckets =
    [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ];

    private static readonly double[] QueueDurationBuckets = Histogram.ExponentialBuckets(10e-9, 10, 12);

    // client-go's buckets for rest_client_request_duration_seconds.
    private static readonly double[] RestClientBuckets = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60];

    public RuntimeMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        DotNetStats.Register(registry);

        ReconcileTotal = factory.CreateCounter(
            "controller_runtime_reconcile_total", "Total number of reconciliations per controller.", "controller", "result");
        ReconcileErrors = factory.CreateCounter(
            "controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller.", "controller");
        // Always 0: a reconciler records a permanent failure in status and returns, so nothing is terminal to the
        // runtime. Published because controller-runtime's dashboards and alerts query it.
        TerminalReconcileErrors = factory.CreateCounter(
            "controller_runtime_terminal_reconcile_errors_total", "Total number of terminal reconciliation errors per controller.", "controller");
        ReconcileTime = factory.CreateHistogram(
            "controller_runtime_reconcile_time_seconds",
            "Length of time per reconciliation per controller.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = ReconcileTimeBuckets });
        ActiveWorkers = factory.CreateGauge(
            "controller_runtime_active_workers", "Number of currently used workers per controller.", "controller");
        MaxConcurrentReconciles = factory.CreateGauge(
            "controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller.", "controller");

        QueueDepth = factory.CreateGauge("workqueue_depth", "Current depth of workqueue.", "name");
        QueueAdds = factory.CreateCounter("workqueue_adds_total", "Total number of adds handled by workqueue.", "name");
        QueueRetries = factory.CreateCounter("workqueue_retries_total", "Total number of retries handled by workqueue.", "name");
        QueueDuration = factory.CreateHistogram(
            "workqueue_queue_duration_seconds",
            "How long in seconds an item stays in workqueue before being requested.",
            new HistogramConfiguration { LabelNames = ["name"], Buckets = QueueDurationBuckets });
        WorkDuration = factory.CreateHistogram(
            "workqueue_work_duration_seconds",
            "How long in seconds processing an item from workqueue takes.",
            new HistogramConfiguration { LabelNames = ["name"], Buckets = QueueDurationBuckets });
        QueueUnfinishedWork = factory.CreateGauge(
            "workqueue_unfinished_work_seconds",
            "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. " +
            "Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.",
            "name");
        QueueLongestRunning = factory.CreateGauge(
            "workqueue_longest_running_processor_seconds",
            "How many seconds has the longest running processor for workqueue been running.",
            "name");

        RestClientRequests = factory.CreateCounter(
            "rest_client_requests_total",
            "Number of HTTP requests to the Kubernetes API, partitioned by status code, method, and host.",
            "code",
            "method",
            "host");
        RestClientDuration = factory.CreateHistogram(
            "rest_client_request_duration_seconds",
            "Request latency in seconds (until the response headers) to the Kubernetes API, broken down by verb and host.",
            new HistogramConfiguration { LabelNames = ["verb", "host"], Buckets = RestClientBuckets });

        LeaderStatus = factory.CreateGauge(
            "leader_election_master_status", "Whether this instance is the leader (1) or not (0) of the named lease.", "name");

        WatchEvents = factory.CreateCounter(
            "operator_runtime_watch_events_total", "Watch events received, by type (including bookmarks).", "controller", "namespace", "type");
        WatchRestarts = factory.CreateCounter(
            "operator_runtime_watch_restarts_total",
            "Watch streams restarted, by reason: closed, inactivity, expired, error.",
            "controller",
            "namespace",
            "reason");
        WatchRelists = factory.CreateCounter(
            "operator_runtime_watch_relists_total", "Full lists made to (re)build the cache.", "controller", "namespace");
        WatchSecondsSinceActivity = factory.CreateGauge(
            "operator_runtime_watch_seconds_since_activity",
            "Seconds since the watch last delivered an event, a bookmark or a list.",
            "controller",
            "namespace");
        WatchStalled = factory.CreateGauge(
            "operator_runtime_watch_stalled",
            "1 when the watch has delivered neither events nor bookmarks within the stalled bound, else 0.",
            "controller",
            "namespace");
        WatchCrdMissing = factory.CreateGauge(
            "operator_runtime_watch_crd_missing",
            "1 while the API server does not serve the watched kind (its CustomResourceDefinition is missing), else 0.",
            "controller",
            "namespace");
        WorkerFaults = factory.CreateCounter(
            "operator_runtime_worker_faults_total",
            "Faults caught in a reconcile worker's loop outside any reconcile (the worker goes on, or after repeated faults stops and fails /healthz).",
            "controller");
        UnreadableObjects = factory.CreateCounter(
            "operator_runtime_watch_unreadable_objects_total",
            "Objects a list or watch delivered that could not be read into the controller's type; skipped, the others go on.",
            "controller",
            "namespace");
        Takeovers = factory.CreateCounter(
            "operator_runtime_takeovers_total",
            "Terms this replica led, by how they began: checked (the cache compared with a consistent list) or unchecked (the list kept failing).",
            "controller",
            "result");
        TakeoverListFailures = factory.CreateCounter(
            "operator_runtime_takeover_list_failures_total", "Consistent lists at the start of a term that failed (retried with backoff).", "controller");
        TakeoverHeldKeys = factory.CreateCounter(
            "operator_runtime_takeover_held_keys_total",
            "Keys held at the start of a term because the cache showed them older than the API server, until it catches up.",
            "controller");
        TakeoverExpiredKeys = factory.CreateCounter(
            "operator_runtime_takeover_expired_keys_total",
            "Held keys released by the bound rather than by the cache catching up (reconciled on what the cache shows).",
            "controller");
        StatusWakes = factory.CreateCounter(
            "operator_runtime_status_wakes_total",
            "Status changes this process did not write (a hand edit, another writer) that queued their object; the process's own status writes queue nothing.",
            "controller");
    }

    /// <summary>The registry these families live in; serve it on <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }

    internal Counter ReconcileTotal { get; }

    internal Counter ReconcileErrors { get; }

    internal Counter TerminalReconcileErrors { get; }

    internal Histogram ReconcileTime { get; }

    internal Gauge ActiveWorkers { get; }

    internal Gauge MaxConcurrentReconciles { get; }

    internal Gauge QueueDepth { get; }

    internal Counter QueueAdds { get; }

    internal Counter QueueRetries { get; }

    internal Histogram QueueDuration { get; }

    internal Histogram WorkDuration { get; }

    internal Gauge QueueUnfinishedWork { get; }

    internal Gauge QueueLongestRunning { get; }

    internal Counter RestClientRequests { get; }

    internal Histogram RestClientDuration { get; }

    internal Gauge LeaderStatus { get; }

    internal Counter WatchEvents { get; }

    internal Counter WatchRestarts { get; }

    internal Counter WatchRelists { get; }

    internal Gauge WatchSecondsSinceActivity { get; }

    internal Gauge WatchStalled { get; }

    internal Gauge WatchCrdMissing { get; }

    internal Counter WorkerFaults { get; }

    internal Counter UnreadableObjects { get; }

    internal Counter Takeovers { get; }

    internal Counter TakeoverListFailures { get; }

    internal Counter TakeoverHeldKeys { get; }

    internal Counter TakeoverExpiredKeys { get; }

    internal Counter StatusWakes { get; }

    /// <summary>
    /// Publishes every series of <paramref name="controller"/> whose label values are known in advance at 0, so that
    /// rates and ratios (errors per reconcile) have data before the first event, as controller-runtime does.
    /// </summary>
    internal void InitializeController(string controller)
    {
        foreach (var result in ReconcileResultLabel.All)
        {
            ReconcileTotal.WithLabels(controller, result);
        }

        ReconcileErrors.WithLabels(controller);
        TerminalReconcileErrors.WithLabels(controller);
        ReconcileTime.WithLabels(controller);
        ActiveWorkers.WithLabels(controller);
        QueueDepth.WithLabels(controller);
        QueueAdds.WithLabels(controller);
        QueueRetries.WithLabels(controller);
        QueueDuration.WithLabels(controller);
        WorkDuration.WithLabels(controller);
        QueueUnfinishedWork.WithLabels(controller);
        QueueLongestRunning.WithLabels(controller);
        WorkerFaults.WithLabels(controller);
        foreach (var result in Hosting.TakeoverResult.All)
        {
            Takeovers.WithLabels(controller, result);
        }

        TakeoverListFailures.WithLabels(controller);
        TakeoverHeldKeys.WithLabels(controller);
        TakeoverExpiredKeys.WithLabels(controller);
        StatusWakes.WithLabels(controller);
    }
}
