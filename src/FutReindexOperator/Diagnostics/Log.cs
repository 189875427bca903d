namespace FutReindexOperator.Diagnostics;

/// <summary>The operator's log messages. Never a token, password, client secret or Authorization header.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Operator ready: caches synced, reconciling ReindexJobs (health and metrics on {Address})")]
    public static partial void OperatorReady(this ILogger logger, string address);

    [LoggerMessage(1003, LogLevel.Information, "Operator ready: caches synced; standby, waiting for lease {Lease} before it works on ReindexJobs (health and metrics on {Address})")]
    public static partial void OperatorStandby(this ILogger logger, string lease, string address);

    [LoggerMessage(1002, LogLevel.Information, "Connecting to the Kubernetes API at {Host} ({Source})")]
    public static partial void KubernetesConnection(this ILogger logger, string host, string source);

    [LoggerMessage(1101, LogLevel.Information, "ReindexJob {Key}: {Phase} ({Reason}): {Message}")]
    public static partial void PhaseChanged(this ILogger logger, string key, string phase, string reason, string message);

    [LoggerMessage(1102, LogLevel.Information, "ReindexJob {Key}: submission marker lost a race (the job changed); deciding again from the latest object")]
    public static partial void MarkerConflict(this ILogger logger, string key);

    [LoggerMessage(1106, LogLevel.Information, "ReindexJob {Key}: another job was admitted to {Target} since this one looked; deciding again before submitting")]
    public static partial void SlotTaken(this ILogger logger, string key, string target);

    [LoggerMessage(1103, LogLevel.Debug, "ReindexJob {Key} was deleted; nothing is sent to the server (HAPI has no cancel operation)")]
    public static partial void JobDeleted(this ILogger logger, string key);

    [LoggerMessage(1104, LogLevel.Information, "ReindexJob {Key}: POST $reindex to {Target} (attempt {Attempt}) → {Outcome}")]
    public static partial void Submitted(this ILogger logger, string key, string target, int attempt, string outcome);

    [LoggerMessage(1107, LogLevel.Warning, "ReindexJob {Key}: {Message}")]
    public static partial void ApiForbidden(this ILogger logger, string key, string message);

    [LoggerMessage(1105, LogLevel.Debug, "ReindexJob {Key}: poll {Target} {PollPath} → {Outcome}")]
    public static partial void Polled(this ILogger logger, string key, string target, string pollPath, string outcome);
}
