namespace FutReindexOperator.Decisions;

/// <summary>The reasons written into the conditions (metav1.Condition reason: one CamelCase word).</summary>
public static class ConditionReasons
{
    public const string Pending = "Pending";
    public const string WaitingForTurn = "WaitingForTurn";
    public const string WaitingForTarget = "WaitingForTarget";
    public const string WaitingForCredentials = "WaitingForCredentials";
    public const string Retrying = "Retrying";
    public const string Submitting = "Submitting";
    public const string Queued = "Queued";
    public const string Running = "Running";
    public const string Finalizing = "Finalizing";
    public const string Succeeded = "Succeeded";
    public const string ServerReportedFailure = "ServerReportedFailure";
    public const string ServerRejected = "ServerRejected";
    public const string DeadlineExceeded = "DeadlineExceeded";
    public const string Cancelled = "Cancelled";
    public const string JobLost = "JobLost";
    public const string StatusUnavailable = "StatusUnavailable";
    public const string InvalidSpec = "InvalidSpec";
    public const string TargetRefused = "TargetRefused";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string CredentialsRefused = "CredentialsRefused";
    public const string SubmissionUncertain = "SubmissionUncertain";
    public const string NoProgress = "NoProgress";
    public const string InvalidStatus = "InvalidStatus";
}
