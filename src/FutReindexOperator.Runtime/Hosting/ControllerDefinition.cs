using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>What <c>AddController</c> registered for <typeparamref name="TResource"/>.</summary>
/// <param name="Type">The kind.</param>
/// <param name="Name">The controller name (logs, metric labels).</param>
/// <param name="WatchedAnnotations">Annotations whose change triggers a reconcile.</param>
internal sealed record ControllerDefinition<TResource>(ResourceType Type, string Name, IReadOnlyList<string> WatchedAnnotations)
    where TResource : class, IKubernetesObject<V1ObjectMeta>;
