using k8s.Models;

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

    /// <summary>
    /// The condition of <paramref name="type"/> as it is now; it keeps its lastTransitionTime from
    /// <paramref name="previous"/> while its status stays the same, else the transition is <paramref name="now"/>.
    /// </summary>
    public static V1Condition Next(
        IReadOnlyList<V1Condition> previous, string type, bool isTrue, string reason, string message, long? generation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var status = isTrue ? "True" : "False";
        var before = previous.FirstOrDefault(condition => condition.Type == type);
        return new V1Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = before?.Status == status ? before.LastTransitionTime : now.UtcDateTime,
        };
    }
}
