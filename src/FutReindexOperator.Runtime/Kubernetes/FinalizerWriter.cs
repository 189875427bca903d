using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>
/// <see cref="IFinalizerWriter"/> as kube-rs does it: the patch tests the exact state it was computed from (the whole
/// list before an append, the entry at the index before a removal, the resource version when there is no list yet).
/// A failed test makes the API server reject the patch; the reconcile fails and is retried on fresh data.
/// </summary>
public sealed class FinalizerWriter(IKubernetes client, ResourceTypeRegistry types) : IFinalizerWriter
{
    public Task<TResource> AddAsync<TResource>(TResource resource, string finalizer, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(finalizer);
        var finalizers = resource.Metadata?.Finalizers;
        if (finalizers?.Contains(finalizer) == true)
        {
            return Task.FromResult(resource);
        }

        JsonArray operations = finalizers is null or { Count: 0 }
            ?
            [
                Operation("test", "/metadata/resourceVersion", resource.ResourceVersion()),
                Operation("add", "/metadata/finalizers", new JsonArray(finalizer)),
            ]
            :
            [
                Operation("test", "/metadata/finalizers", new JsonArray([.. finalizers.Select(name => (JsonNode?)name)])),
                Operation("add", "/metadata/finalizers/-", finalizer),
            ];
        return PatchAsync(resource, operations, cancellationToken);
    }

    public Task<TResource> RemoveAsync<TResource>(TResource resource, string finalizer, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(finalizer);
        var index = resource.Metadata?.Finalizers?.IndexOf(finalizer) ?? -1;
        if (index < 0)
        {
            return Task.FromResult(resource);
        }

        JsonArray operations =
        [
            Operation("test", $"/metadata/finalizers/{index}", finalizer),
            Operation("remove", $"/metadata/finalizers/{index}", null),
        ];
        return PatchAsync(resource, operations, cancellationToken);
    }

    private static JsonObject Operation(string op, string path, JsonNode? value)
    {
        var operation = new JsonObject { ["op"] = op, ["path"] = path };
        if (op != "remove")
        {
            operation["value"] = value;
        }

        return operation;
    }

    private Task<TResource> PatchAsync<TResource>(TResource resource, JsonArray operations, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = types.Resolve(resource);
        var key = ObjectKey.Of(resource);
        var patch = new V1Patch(operations, V1Patch.PatchType.JsonPatch);
        return key.Namespace is null
            ? client.CustomObjects.PatchClusterCustomObjectAsync<TResource>(
                patch, type.Group, type.Version, type.Plural, key.Name, cancellationToken: cancellationToken)
            : client.CustomObjects.PatchNamespacedCustomObjectAsync<TResource>(
                patch, type.Group, type.Version, key.Namespace, type.Plural, key.Name, cancellationToken: cancellationToken);
    }
}
