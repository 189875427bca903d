using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Decisions;

/// <summary>
/// Derives the five conditions from the phase: Ready (True only on success), kstatus' abnormal-true Reconciling
/// (working) and Stalled (needs attention or failed, so kstatus computes Failed), and Complete / Failed as a batch Job
/// has them, terminal and mutually exclusive. Every terminal phase but Succeeded sets Failed, Lost and Untrackable
/// too: their outcome is unknown, but the run ended without the success a user waits for, and a Job-style
/// <c>kubectl wait --for=condition=Complete</c> or <c>--for=condition=Failed</c> must return for every ended run.
/// </summary>
public static class ReindexConditionSet
{
    /// <summary>
    /// The conditions for <paramref name="phase"/>; a condition whose status is unchanged keeps its
    /// lastTransitionTime from <paramref name="previous"/>.
    /// </summary>
    public static IReadOnlyList<V1Condition> For(
        ReindexPhase phase, string reason, string message, long generation, DateTimeOffset now, IReadOnlyList<V1Condition> previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var working = phase is ReindexPhase.Pending or ReindexPhase.Submitting or ReindexPhase.Queued or ReindexPhase.Running or ReindexPhase.Finalizing;
        var failed = phase is ReindexPhase.Failed or ReindexPhase.Cancelled or ReindexPhase.Lost or ReindexPhase.Untrackable;
        var stalled = failed || phase is ReindexPhase.Stalled;
        var succeeded = phase == ReindexPhase.Succeeded;
        return
        [
            Condition(ReindexConditions.Ready, succeeded, reason, message),
            Condition(ReindexConditions.Reconciling, working, reason, message),
            Condition(ReindexConditions.Stalled, stalled, reason, message),
            Condition(ReindexConditions.Complete, succeeded, succeeded ? reason : "NotComplete", succeeded ? message : ""),
            Condition(ReindexConditions.Failed, failed, failed ? reason : "NotFailed", failed ? message : ""),
        ];

        V1Condition Condition(string type, bool isTrue, string conditionReason, string conditionMessage)
            => ReindexConditions.Next(previous, type, isTrue, conditionReason, conditionMessage, generation, now);
    }
}
