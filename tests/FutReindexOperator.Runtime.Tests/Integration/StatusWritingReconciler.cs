using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Tests.Support;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>
/// The integration tests' reconciler: records the call in the <see cref="ReconcilerScript"/> (which also decides the
/// outcome), then records the generation it saw in status, through the runtime's status writer.
/// </summary>
public sealed class StatusWritingReconciler(ReconcilerScript script, IStatusWriter statusWriter) : IReconciler<Widget>
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<Widget> request, CancellationToken cancellationToken)
    {
        var result = await script.RunAsync(request, cancellationToken);
        if (!request.IsDeleted)
        {
            await statusWriter.PatchStatusAsync(
                request.Resource,
                new WidgetStatus { Phase = "Reconciled", ObservedGeneration = request.Resource.Metadata.Generation },
                cancellationToken);
        }

        return result;
    }
}
