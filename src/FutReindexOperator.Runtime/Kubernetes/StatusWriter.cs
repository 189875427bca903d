using System.Net;
using System.Text.Json.Nodes;
using FutReindexOperator.Runtime.Diagnostics;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary><see cref="IStatusWriter"/> through KubernetesClient's custom-object status patch.</summary>
public sealed class StatusWriter(IKubernetes client, ResourceTypeRegistry types, ILogger<StatusWriter> logger) : IStatusWriter
{
    /// <summary>Attempts of an unlocked write before a persistent conflict is given to the caller.</summary>
    public const int MaxAttempts = 5;

    public async Task<TResource> PatchStatusAsync<TResource>(
        TResource resource, object status, bool optimisticLock, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(status);
        var type = types.Resolve(resource);
        var key = ObjectKey.Of(resource);
        var desired = JsonNode.Parse(KubernetesJson.Serialize(status));
        var current = resource;
        for (var attempt = 1; ; attempt++)
        {
            if (!MergePatch.Changes(StatusOf(current), desired))
            {
                return current;
            }

            var body = new JsonObject { ["status"] = desired?.DeepClone() };
            if (optimisticLock)
            {
                body["metadata"] = new JsonObject { ["resourceVersion"] = current.ResourceVersion() };
            }

            try
            {
                return await PatchAsync<TResource>(type, key, body, cancellationToken);
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict)
            {
                if (optimisticLock)
                {
                    throw new StatusConflictException(
                        $"Status of {type.Kind} {key} changed since resource version {current.ResourceVersion()}; re-read and decide again.",
                        exception);
                }

                if (attempt == MaxAttempts)
                {
                    throw new InvalidOperationException($"Status patch of {type.Kind} {key} conflicted {MaxAttempts} times.", exception);
                }

                logger.StatusConflictRetry(type.Kind, key.ToString(), attempt);
                current = await ReadAsync<TResource>(type, key, cancellationToken);
            }
        }
    }

    private static JsonNode? StatusOf(object resource) => JsonNode.Parse(KubernetesJson.Serialize(resource))?["status"];

    private Task<TResource> PatchAsync<TResource>(ResourceType type, ObjectKey key, JsonObject body, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(body, V1Patch.PatchType.MergePatch);
        return key.Namespace is null
            ? client.CustomObjects.PatchClusterCustomObjectStatusAsync<TResource>(
                patch, type.Group, type.Version, type.Plural, key.Name, cancellationToken: cancellationToken)
            : client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<TResource>(
                patch, type.Group, type.Version, key.Namespace, type.Plural, key.Name, cancellationToken: cancellationToken);
    }

    private Task<TResource> ReadAsync<TResource>(ResourceType type, ObjectKey key, CancellationToken cancellationToken) =>
        key.Namespace is null
            ? client.CustomObjects.GetClusterCustomObjectAsync<TResource>(
                type.Group, type.Version, type.Plural, key.Name, cancellationToken)
            : client.CustomObjects.GetNamespacedCustomObjectAsync<TResource>(
                type.Group, type.Version, key.Namespace, type.Plural, key.Name, cancellationToken);
}
