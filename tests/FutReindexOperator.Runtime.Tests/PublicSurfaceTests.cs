using FutReindexOperator.Runtime.Reconciling;

namespace FutReindexOperator.Runtime.Tests;

/// <summary>
/// The runtime's public surface is what a controller author reads: registration, the reconciler and its results, the
/// status and event writers, the cache reader, leadership and options. Everything else is machinery and internal.
/// </summary>
public sealed class PublicSurfaceTests
{
    /// <summary>The budget of issue 15: a surface a newcomer reads in one sitting.</summary>
    private const int MaxPublicTypes = 25;

    private static readonly string[] Surface =
    [
        "FutReindexOperator.Runtime.Hosting.ControllerOptions",
        "FutReindexOperator.Runtime.Hosting.OperatorHttpServer",
        "FutReindexOperator.Runtime.Hosting.OperatorRuntimeOptions",
        "FutReindexOperator.Runtime.Hosting.RuntimeHealth",
        "FutReindexOperator.Runtime.Hosting.RuntimeServiceCollectionExtensions",
        "FutReindexOperator.Runtime.Kubernetes.EventSeverity",
        "FutReindexOperator.Runtime.Kubernetes.IEventRecorder",
        "FutReindexOperator.Runtime.Kubernetes.IStatusWriter",
        "FutReindexOperator.Runtime.Kubernetes.MergePatch",
        "FutReindexOperator.Runtime.Kubernetes.StatusConflictException",
        "FutReindexOperator.Runtime.Leadership.ILeaderGate",
        "FutReindexOperator.Runtime.Leadership.LeaderElectionOptions",
        "FutReindexOperator.Runtime.Leadership.LeadershipUncertainException",
        "FutReindexOperator.Runtime.ObjectKey",
        "FutReindexOperator.Runtime.Queue.Backoff",
        "FutReindexOperator.Runtime.Reconciling.IReconcileQueue`1",
        "FutReindexOperator.Runtime.Reconciling.IReconciler`1",
        "FutReindexOperator.Runtime.Reconciling.ReconcileRequest`1",
        "FutReindexOperator.Runtime.Reconciling.ReconcileResult",
        "FutReindexOperator.Runtime.Reconciling.ReconcileResult+DoneResult",
        "FutReindexOperator.Runtime.Reconciling.ReconcileResult+RequeueAfter",
        "FutReindexOperator.Runtime.ResourceType",
        "FutReindexOperator.Runtime.Watching.CacheIndex`1",
        "FutReindexOperator.Runtime.Watching.IResourceCache`1",
    ];

    private static IEnumerable<string> Exported() =>
        typeof(IReconciler<>).Assembly.GetExportedTypes().Select(type => type.FullName!);

    [Test]
    public void ExportedTypes_StayWithinTheBudget() =>
        Exported().Should().HaveCountLessThanOrEqualTo(MaxPublicTypes);

    [Test]
    public void ExportedTypes_AreExactlyTheDocumentedSurface() =>
        Exported().Should().BeEquivalentTo(Surface, "a new public type is a decision: add it to the runtime's README and to this list, or make it internal");
}
