using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Plans;

/// <summary>
/// The conditions of a plan, as a job has them (<see cref="ReindexConditions"/>): Complete and Failed terminal and
/// mutually exclusive, Ready the summary, Reconciling and Stalled as kstatus reads them. A condition keeps its
/// lastTransitionTime while its status stays the same.
/// </summary>
public static class PlanConditions
{
    public static IReadOnlyList<V1Condition> Running(IReadOnlyList<V1Condition> previous, string message, bool childStalled, long? generation, DateTimeOffset now)
        => Set(previous, generation, now,
        [
            (ReindexConditions.Ready, false, "Running", message),
            (ReindexConditions.Reconciling, true, "Running", message),
            (ReindexConditions.Stalled, childStalled, childStalled ? "ChildStalled" : "Running", message),
            (ReindexConditions.Complete, false, "Running", message),
            (ReindexConditions.Failed, false, "Running", message),
        ]);

    public static IReadOnlyList<V1Condition> Ended(IReadOnlyList<V1Condition> previous, bool succeeded, string message, long? generation, DateTimeOffset now)
    {
        var reason = succeeded ? "Succeeded" : "Failed";
        return Set(previous, generation, now,
        [
            (ReindexConditions.Ready, succeeded, reason, message),
            (ReindexConditions.Reconciling, false, reason, message),
            (ReindexConditions.Stalled, false, reason, message),
            (ReindexConditions.Complete, succeeded, reason, message),
            (ReindexConditions.Failed, !succeeded, reason, message),
        ]);
    }

    public static IReadOnlyList<V1Condition> Stalled(IReadOnlyList<V1Condition> previous, string reason, string message, long? generation, DateTimeOffset now)
        => Set(previous, generation, now,
        [
            (ReindexConditions.Ready, false, reason, message),
            (ReindexConditions.Reconciling, false, reason, message),
            (ReindexConditions.Stalled, true, reason, message),
            (ReindexConditions.Complete, false, reason, message),
            (ReindexConditions.Failed, false, reason, message),
        ]);

    private static List<V1Condition> Set(IReadOnlyList<V1Condition> previous, long? generation, DateTimeOffset now, (string Type, bool Value, string Reason, string Message)[] wanted)
        => [.. wanted.Select(condition => ReindexConditions.Next(previous, condition.Type, condition.Value, condition.Reason, condition.Message, generation, now))];
}
