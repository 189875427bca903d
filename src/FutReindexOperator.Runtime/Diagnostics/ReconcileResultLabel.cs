namespace FutReindexOperator.Runtime.Diagnostics;

/// <summary>The <c>result</c> label values of <c>controller_runtime_reconcile_total</c>, as controller-runtime spells them.</summary>
internal static class ReconcileResultLabel
{
    public const string Success = "success";
    public const string RequeueAfter = "requeue_after";
    public const string Error = "error";

    /// <summary>A rate-limited retry that is not an error: a write conflict on a stale copy, or leadership in doubt.</summary>
    public const string Requeue = "requeue";

    /// <summary>Every value, for publishing the series at 0 before the first reconcile.</summary>
    public static IReadOnlyList<string> All { get; } = [Success, Requeue, RequeueAfter, Error];
}
