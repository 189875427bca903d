using System.Net;
using System.Text.Json.Nodes;
using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Leadership;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>
/// <see cref="IStatusWriter"/> through KubernetesClient's custom-object status patch. Each PATCH and the resourceVersion
/// its answer carried are told to <see cref="OwnStatusWrites"/>, so that the watch event of the process's own write wakes
/// nothing while anyone else's status change does.
/// </summary>
internal sealed class StatusWriter(
    IKubernetes client, ResourceTypeRegistry types, ILeaderGate leadership, OwnStatusWrites ownWrites, ILogger<StatusWriter> logger) : IStatusWriter
{
    /// <summary>Attempts of a write whose object keeps changing outside its status before the conflict is given to the caller.</summary>
    public const int MaxAttempts = 5;

    public Task<TResource> PatchStatusAsync<TResource>(TResource resource, object status, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
        => WriteAsync(resource, status, locked: true, cancellationToken);

    public Task<TResource> MergeStatusAsync<TResource>(TResource resource, object status, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
        => WriteAsync(resource, status, locked: false, cancellationToken);

    private async Task<TResource> WriteAsync<TResource>(TResource resource, object status, bool locked, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(status);
        var type = types.Resolve(resource);
        var key = ObjectKey.Of(resource);
        var desired = JsonNode.Parse(KubernetesJson.Serialize(status));
        var decidedOn = StatusOf(resource);
        var current = resource;
        for (var attempt = 1; ; attempt++)
        {
            if (!MergePatch.Changes(StatusOf(current), desired))
            {
                return current;
            }

            // A plain write carries no resourceVersion: the API server applies it to whatever it holds, without a 409.
            var body = locked
                ? new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = current.ResourceVersion() }, ["status"] = desired?.DeepClone() }
                : new JsonObject { ["status"] = desired?.DeepClone() };
            leadership.ThrowIfNotLeading($"status patch of {type.Kind} {key}");
            try
            {
                return await PatchOwnAsync<TResource>(type, key, body, cancellationToken);
            }
            catch (HttpOperationException exception) when (locked && exception.Response.StatusCode == HttpStatusCode.Conflict)
            {
                if (attempt == MaxAttempts)
                {
                    throw new StatusConflictException($"Status patch of {type.Kind} {key} conflicted {MaxAttempts} times.", exception);
                }

                logger.StatusConflictRetry(type.Kind, key.ToString(), attempt);
                current = await ReadAsync<TResource>(type, key, cancellationToken);
                if (!MergePatch.EqualIgnoringNulls(StatusOf(current), decidedOn))
                {
                    throw new StatusConflictException(
                        $"Status of {type.Kind} {key} changed since resource version {resource.ResourceVersion()} (now {current.ResourceVersion()}); re-read and decide again.",
                        exception);
                }
            }
        }
    }

    /// <summary>The status of <paramref name="resource"/> as the JSON the API server stores.</summary>
    internal static JsonNode? StatusOf(object resource) => JsonNode.Parse(KubernetesJson.Serialize(resource))?["status"];

    /// <summary>The PATCH, announced to <see cref="OwnStatusWrites"/> with the version its answer carried (none when it has no answer).</summary>
    private async Task<TResource> PatchOwnAsync<TResource>(ResourceType type, ObjectKey key, JsonObject body, CancellationToken cancellationToken)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
    {
        string? written = null;
        ownWrites.Sending(type, key);
        try
        {
            var answer = await PatchAsync<TResource>(type, key, body, cancellationToken);
            written = answer.ResourceVersion();
            return answer;
        }
        finally
        {
            ownWrites.Sent(type, key, written);
        }
    }

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
