using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>Per-controller settings given to <c>AddController</c>.</summary>
public sealed class ControllerOptions
{
    /// <summary>The controller's name in logs and in the <c>controller</c> and <c>name</c> metric labels.</summary>
    /// <value>Default: the kind in lower case.</value>
    public string? Name { get; set; }

    /// <summary>Annotations whose change triggers a reconcile (besides generation, deletion and finalizers).</summary>
    /// <value>Default: none.</value>
    public IList<string> WatchedAnnotations { get; } = [];

    /// <summary>
    /// How to install the kind's CustomResourceDefinition (a command), logged when the API server does not serve the
    /// kind, for example after a Helm upgrade that brought the controller but not its CRD.
    /// </summary>
    /// <value>Default: a generic <c>kubectl apply</c> of the CRD's manifest.</value>
    public string? CrdInstallHint { get; set; }

    /// <summary>
    /// Declares that this controller's objects own <typeparamref name="TChild"/> objects (through an owner reference with
    /// <c>controller: true</c>): a change of such a child queues its owner. <typeparamref name="TChild"/> must have its own
    /// controller (its cache and watch are shared).
    /// </summary>
    public ControllerOptions Owns<TChild>()
        where TChild : class, IKubernetesObject<V1ObjectMeta>
    {
        OwnedKinds.Add((services, ownerType, enqueueOwner) =>
            services.AddSingleton(provider => new OwnerWake<TChild>(ownerType, enqueueOwner(provider))));
        return this;
    }

    /// <summary>Registrations of the owned kinds: each adds the wake of its children, given the owner's kind and queue.</summary>
    internal List<Action<IServiceCollection, ResourceType, Func<IServiceProvider, Action<ObjectKey>>>> OwnedKinds { get; } = [];
}
