using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime;

/// <summary>Identifies one object of a kind: its namespace (null when cluster-scoped) and name.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    /// <summary>The key of <paramref name="resource"/>, read from its metadata.</summary>
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new ObjectKey(resource.Namespace(), resource.Name());
    }

    /// <summary><c>namespace/name</c>, or just <c>name</c> for cluster-scoped objects, as kubectl prints it.</summary>
    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
