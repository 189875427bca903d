namespace FutReindexOperator.Decisions;

/// <summary>The reasons of the events a ReindexJob gets (CamelCase, bounded set: they are safe as metric labels too).</summary>
public static class EventReasons
{
    public const string Submitted = "Submitted";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";
    public const string Lost = "Lost";
    public const string Untrackable = "Untrackable";
    public const string Stalled = "Stalled";
    public const string Retrying = "Retrying";
    public const string Waiting = "Waiting";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string Forbidden = "Forbidden";
    public const string TargetNotFound = "TargetNotFound";
    public const string TargetRefused = "TargetRefused";
    public const string InvalidSpec = "InvalidSpec";
    public const string DuplicatePossible = "DuplicatePossible";
    public const string SpecChangeRejected = "SpecChangeRejected";
    public const string RerunStarted = "RerunStarted";
    public const string InvalidStatus = "InvalidStatus";
}
