using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>Finds the <see cref="ResourceType"/> (and so the plural for URLs) of an object from its apiVersion and kind.</summary>
internal sealed class ResourceTypeRegistry
{
    private readonly Dictionary<(string ApiVersion, string Kind), ResourceType> _types = [];
    private readonly Lock _gate = new();

    public void Register(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_gate)
        {
            _types[(type.ApiVersion, type.Kind)] = type;
        }
    }

    public ResourceType Resolve(IKubernetesObject<V1ObjectMeta> resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_gate)
        {
            return _types.TryGetValue((resource.ApiVersion ?? string.Empty, resource.Kind ?? string.Empty), out var type)
                ? type
                : throw new InvalidOperationException(
                    $"No resource type is registered for apiVersion '{resource.ApiVersion}' and kind '{resource.Kind}'; " +
                    "register its controller with AddController.");
        }
    }
}
