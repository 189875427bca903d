namespace FutReindexOperator.Model;

/// <summary>
/// The condition types of a ReindexJob: <see cref="Complete"/> and <see cref="Failed"/> as a batch Job has them
/// (terminal, mutually exclusive), <see cref="Ready"/> as the summary, and kstatus' abnormal-true
/// <see cref="Reconciling"/> and <see cref="Stalled"/>.
/// </summary>
public static class ReindexConditions
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string Ready = "Ready";
    public const string Reconciling = "Reconciling";
    public const string Stalled = "Stalled";

    /// <summary>Every type, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } = [Ready, Reconciling, Stalled, Complete, Failed];
}
