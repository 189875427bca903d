using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>What <c>AddController</c> registered for <typeparamref name="TResource"/>.</summary>
/// <param name="Type">The kind.</param>
/// <param name="Name">The controller name (logs, metric labels).</param>
/// <param name="WatchedAnnotations">Annotations whose change triggers a reconcile.</param>
/// <param name="CrdInstallHint">How to install the kind's CRD, or null (see <see cref="ControllerOptions.CrdInstallHint"/>).</param>
internal sealed record ControllerDefinition<TResource>(ResourceType Type, string Name, IReadOnlyList<string> WatchedAnnotations, string? CrdInstallHint = null)
    where TResource : class, IKubernetesObject<V1ObjectMeta>;
