using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Diagnostics;

/// <summary>Every log line of the runtime, with stable event ids (1xx watch, 2xx reconcile, 3xx leadership,
/// 4xx Kubernetes writes, 5xx hosting).</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Listed {Count} objects for {Controller} in scope '{Scope}' at resource version {ResourceVersion}")]
    public static partial void WatchListed(this ILogger logger, string controller, string scope, int count, string resourceVersion);

    [LoggerMessage(101, LogLevel.Debug, "Watch stream of {Controller} in scope '{Scope}' closed by the server; resuming")]
    public static partial void WatchClosed(this ILogger logger, string controller, string scope);

    [LoggerMessage(102, LogLevel.Warning, "Watch stream of {Controller} in scope '{Scope}' delivered nothing for {Timeout}; restarting it")]
    public static partial void WatchInactive(this ILogger logger, string controller, string scope, TimeSpan timeout);

    [LoggerMessage(103, LogLevel.Information, "Resource version of {Controller} in scope '{Scope}' expired (410 Gone); listing again")]
    public static partial void WatchExpired(this ILogger logger, string controller, string scope);

    [LoggerMessage(104, LogLevel.Warning, "List or watch of {Controller} in scope '{Scope}' failed ({Failures} in a row); retrying in {Delay}")]
    public static partial void WatchFailed(this ILogger logger, Exception exception, string controller, string scope, int failures, TimeSpan delay);

    [LoggerMessage(105, LogLevel.Error, "Skipped {Kind} {Key} at resource version {ResourceVersion} in scope '{Scope}' of {Controller}: it cannot be read ({Reason}); the other objects go on")]
    public static partial void WatchUnreadable(this ILogger logger, string controller, string scope, string kind, string key, string resourceVersion, string reason);

    [LoggerMessage(200, LogLevel.Debug, "Reconciled {Key}")]
    public static partial void ReconcileSucceeded(this ILogger logger, string key);

    [LoggerMessage(201, LogLevel.Debug, "Reconciled {Key}; again in {Delay}")]
    public static partial void ReconcileRequeued(this ILogger logger, string key, TimeSpan delay);

    [LoggerMessage(202, LogLevel.Error, "Reconcile of {Key} failed ({Failures} in a row); retrying with backoff")]
    public static partial void ReconcileFailed(this ILogger logger, Exception exception, string key, int failures);

    [LoggerMessage(204, LogLevel.Information, "Reconcile of {Key} cancelled (leadership lost or shutting down); queued again")]
    public static partial void ReconcileCancelled(this ILogger logger, string key);

    [LoggerMessage(205, LogLevel.Information, "Reconcile of {Key} lost a write conflict (the cache was stale or another writer won); retrying in {Delay}")]
    public static partial void ReconcileConflict(this ILogger logger, string key, TimeSpan delay);

    [LoggerMessage(206, LogLevel.Warning, "Reconcile of {Key} stopped before writing or sending: {Reason}; queued for whoever leads")]
    public static partial void ReconcileLeadershipUncertain(this ILogger logger, string key, string reason);

    [LoggerMessage(207, LogLevel.Error, "Worker of {Controller} hit a fault outside any reconcile ({Faults} in a row); going on in {Delay}")]
    public static partial void WorkerFault(this ILogger logger, Exception exception, string controller, int faults, TimeSpan delay);

    [LoggerMessage(208, LogLevel.Critical, "Worker of {Controller} stopped after {Faults} faults in a row; /healthz now fails so the pod restarts")]
    public static partial void WorkerStopped(this ILogger logger, Exception exception, string controller, int faults);

    [LoggerMessage(209, LogLevel.Debug, "Held back {Key}: the cache shows it older than the API server did when this term began; again in at most {Remaining}")]
    public static partial void ReconcileHeldForTakeover(this ILogger logger, string key, TimeSpan remaining);

    [LoggerMessage(210, LogLevel.Warning, "Reconciling {Key} although the cache still shows it older than the API server did when this term began: held for the bound of {Expiry}")]
    public static partial void TakeoverHoldExpired(this ILogger logger, string key, TimeSpan expiry);

    [LoggerMessage(300, LogLevel.Information, "Became leader of lease {Lease}; starting work")]
    public static partial void LeadershipAcquired(this ILogger logger, string lease);

    [LoggerMessage(301, LogLevel.Warning, "No longer leader of lease {Lease}; all work stopped")]
    public static partial void LeadershipLost(this ILogger logger, string lease);

    [LoggerMessage(302, LogLevel.Information, "Released lease {Lease} for a successor")]
    public static partial void LeaseReleased(this ILogger logger, string lease);

    [LoggerMessage(306, LogLevel.Information, "Lease {Lease} is held by another replica by now; nothing to release")]
    public static partial void LeaseNotHeld(this ILogger logger, string lease);

    [LoggerMessage(303, LogLevel.Warning, "Could not release lease {Lease}; it expires on its own")]
    public static partial void LeaseReleaseFailed(this ILogger logger, Exception exception, string lease);

    [LoggerMessage(304, LogLevel.Warning, "Leader election on lease {Lease} hit an error")]
    public static partial void LeaderElectionError(this ILogger logger, Exception exception, string lease);

    [LoggerMessage(305, LogLevel.Information, "Lease {Lease} is now held by {Holder}")]
    public static partial void NewLeader(this ILogger logger, string lease, string holder);

    [LoggerMessage(307, LogLevel.Information, "Term of {Controller} began: {Listed} objects listed, {Held} held until the cache shows them as listed (at most {Expiry})")]
    public static partial void TakeoverChecked(this ILogger logger, string controller, int listed, int held, TimeSpan expiry);

    [LoggerMessage(308, LogLevel.Warning, "List at the start of a term of {Controller} failed ({Failures} in a row); retrying in {Delay}")]
    public static partial void TakeoverListFailed(this ILogger logger, Exception exception, string controller, int failures, TimeSpan delay);

    [LoggerMessage(309, LogLevel.Error, "List at the start of a term of {Controller} failed {Failures} times over {Expiry}; leading without comparing the cache with the API server")]
    public static partial void TakeoverUnchecked(this ILogger logger, Exception exception, string controller, int failures, TimeSpan expiry);

    [LoggerMessage(400, LogLevel.Information, "Status patch of {Kind} {Key} conflicted (attempt {Attempt}); re-reading and retrying")]
    public static partial void StatusConflictRetry(this ILogger logger, string kind, string key, int attempt);

    [LoggerMessage(410, LogLevel.Warning, "Could not write event {Reason}; dropped")]
    public static partial void EventWriteFailed(this ILogger logger, Exception exception, string reason);

    [LoggerMessage(411, LogLevel.Debug, "Event {Reason} about {Name} rate-limited; counted in its series")]
    public static partial void EventRateLimited(this ILogger logger, string reason, string name);

    [LoggerMessage(412, LogLevel.Warning, "Event {Reason} about {Name} dropped: too many events waiting to be written")]
    public static partial void EventDropped(this ILogger logger, string reason, string name);

    [LoggerMessage(500, LogLevel.Information, "Cache of {Controller} synced")]
    public static partial void CacheSynced(this ILogger logger, string controller);

    [LoggerMessage(501, LogLevel.Information, "Serving /healthz, /readyz and /metrics on {Address}")]
    public static partial void HttpListening(this ILogger logger, string address);
}
