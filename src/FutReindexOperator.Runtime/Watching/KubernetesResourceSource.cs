using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FutReindexOperator.Runtime.Watching;

/// <summary>
/// List and watch of one custom resource kind through KubernetesClient's <c>CustomObjects</c> operations, in one
/// namespace or in all of them, with an optional label selector.
/// </summary>
/// <remarks>
/// A 404 to the list or the watch means the kind itself is not served (its CRD is missing) and surfaces as
/// <see cref="ResourceTypeNotServedException"/>.
/// Each object is read on its own: one that cannot be read into <typeparamref name="TResource"/> (a value the schema
/// allows but the model cannot hold) is delivered as an <see cref="UnreadableObject"/> with its identity and the reason,
/// and the list or the watch goes on with the others.
/// </remarks>
internal sealed class KubernetesResourceSource<TResource> : IResourceSource<TResource>
{
    private const int PageSize = 500;
    private const int MaxReasonLength = 256;
    private readonly IKubernetes _client;
    private readonly ResourceType _type;
    private readonly string? _namespace;
    private readonly string? _labelSelector;
    private readonly int _serverTimeoutSeconds;

    /// <param name="client">The API client.</param>
    /// <param name="type">The kind to list and watch.</param>
    /// <param name="namespace">One namespace, or null for all namespaces (and for cluster-scoped kinds).</param>
    /// <param name="labelSelector">A label selector, or null for every object.</param>
    /// <param name="serverTimeoutSeconds">The <c>timeoutSeconds</c> asked of the server for each watch stream.</param>
    public KubernetesResourceSource(IKubernetes client, ResourceType type, string? @namespace, string? labelSelector, int serverTimeoutSeconds)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(type);
        _client = client;
        _type = type;
        _namespace = @namespace;
        _labelSelector = string.IsNullOrWhiteSpace(labelSelector) ? null : labelSelector;
        _serverTimeoutSeconds = serverTimeoutSeconds;
    }

    public string Scope => _namespace ?? string.Empty;

    public async Task<ResourceList<TResource>> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<TResource>();
        var unreadable = new List<UnreadableObject>();
        string? continueToken = null;
        string resourceVersion;
        do
        {
            JsonElement page;
            try
            {
                page = await ListPageAsync(continueToken, cancellationToken);
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new ResourceTypeNotServedException(_type, exception);
            }

            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                if (TryRead(item, out var resource, out var failure))
                {
                    items.Add(resource);
                }
                else
                {
                    unreadable.Add(Unreadable(item, failure, deleted: false));
                }
            }

            var metadata = page.GetProperty("metadata");
            resourceVersion = metadata.GetProperty("resourceVersion").GetString()
                ?? throw new InvalidOperationException($"The list of {_type.Plural} has no metadata.resourceVersion to watch from.");
            continueToken = metadata.TryGetProperty("continue", out var next) ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(continueToken));

        return new ResourceList<TResource>(items, resourceVersion) { Unreadable = unreadable };
    }

    public async IAsyncEnumerable<WatchEvent<TResource>> WatchAsync(
        string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Exception? streamError = null;
        var stream = _namespace is null
            ? _client.CustomObjects.WatchListClusterCustomObjectAsync(
                _type.Group,
                _type.Version,
                _type.Plural,
                allowWatchBookmarks: true,
                labelSelector: _labelSelector,
                resourceVersion: resourceVersion,
                timeoutSeconds: _serverTimeoutSeconds,
                onError: error => streamError ??= error,
                cancellationToken: cancellationToken)
            : _client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                _type.Group,
                _type.Version,
                _namespace,
                _type.Plural,
                allowWatchBookmarks: true,
                labelSelector: _labelSelector,
                resourceVersion: resourceVersion,
                timeoutSeconds: _serverTimeoutSeconds,
                onError: error => streamError ??= error,
                cancellationToken: cancellationToken);

        await using var events = stream.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            (WatchEventType Type, object Object) current;
            try
            {
                if (!await events.MoveNextAsync())
                {
                    break;
                }

                current = events.Current;
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Gone)
            {
                throw new ResourceVersionExpiredException($"Watch of {_type.Plural} from resource version {resourceVersion} was refused: 410 Gone.", exception);
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // The CRD was deleted since the list.
                throw new ResourceTypeNotServedException(_type, exception);
            }

            ThrowIfStreamFailed(streamError, resourceVersion);
            if (current.Type == WatchEventType.Error)
            {
                throw ToStreamException(ReadStatus(current.Object), resourceVersion);
            }

            var raw = (JsonElement)current.Object;
            var kind = ToKind(current.Type);
            yield return TryRead(raw, out var resource, out var failure)
                ? new WatchEvent<TResource>(kind, resource)
                : new WatchEvent<TResource>(WatchEventKind.Unreadable, default, Unreadable(raw, failure, kind == WatchEventKind.Deleted));
        }

        ThrowIfStreamFailed(streamError, resourceVersion);
    }

    private static bool TryRead(JsonElement item, [NotNullWhen(true)] out TResource? resource, [NotNullWhen(false)] out Exception? failure)
    {
        try
        {
            resource = KubernetesJson.Deserialize<TResource>(item.GetRawText());
            failure = resource is null ? new JsonException("The object is null.") : null;
            return resource is not null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Whatever a model's converter throws (JsonException, OverflowException, FormatException, ...): this one
            // object is unreadable, the stream is not.
            resource = default;
            failure = exception;
            return false;
        }
    }

    private UnreadableObject Unreadable(JsonElement item, Exception failure, bool deleted)
    {
        var metadata = new V1ObjectMeta();
        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("metadata", out var raw) && raw.ValueKind == JsonValueKind.Object)
        {
            metadata.Name = StringOf(raw, "name");
            metadata.NamespaceProperty = StringOf(raw, "namespace");
            metadata.Uid = StringOf(raw, "uid");
            metadata.ResourceVersion = StringOf(raw, "resourceVersion");
        }

        var apiVersion = (item.ValueKind == JsonValueKind.Object ? StringOf(item, "apiVersion") : null) ?? _type.ApiVersion;
        var kind = (item.ValueKind == JsonValueKind.Object ? StringOf(item, "kind") : null) ?? _type.Kind;
        var reason = failure.Message.ReplaceLineEndings(" ");
        return new UnreadableObject(apiVersion, kind, metadata, reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength] + "…", deleted);
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static WatchEventKind ToKind(WatchEventType type) => type switch
    {
        WatchEventType.Added => WatchEventKind.Added,
        WatchEventType.Modified => WatchEventKind.Modified,
        WatchEventType.Deleted => WatchEventKind.Deleted,
        WatchEventType.Bookmark => WatchEventKind.Bookmark,
        _ => throw new InvalidOperationException($"Unexpected watch event type {type}."),
    };

    private static k8s.Models.V1Status? ReadStatus(object statusObject) =>
        statusObject is JsonElement element ? KubernetesJson.Deserialize<k8s.Models.V1Status>(element.GetRawText()) : null;

    private void ThrowIfStreamFailed(Exception? streamError, string resourceVersion)
    {
        switch (streamError)
        {
            case null:
                return;
            case KubernetesException { Status: var status }:
                throw ToStreamException(status, resourceVersion);
            default:
                throw new InvalidOperationException($"Watch stream of {_type.Plural} failed: {streamError.Message}", streamError);
        }
    }

    private Exception ToStreamException(k8s.Models.V1Status? status, string resourceVersion) => status?.Code switch
    {
        (int)HttpStatusCode.Gone => new ResourceVersionExpiredException($"Resource version {resourceVersion} of {_type.Plural} is too old: {status.Message}"),
        (int)HttpStatusCode.NotFound => new ResourceTypeNotServedException(_type, new InvalidOperationException(status.Message)),
        _ => new InvalidOperationException($"Watch stream of {_type.Plural} reported an error: {status?.Code} {status?.Reason} {status?.Message}"),
    };

    private async Task<JsonElement> ListPageAsync(string? continueToken, CancellationToken cancellationToken) =>
        _namespace is null
            ? await _client.CustomObjects.ListClusterCustomObjectAsync<JsonElement>(
                _type.Group,
                _type.Version,
                _type.Plural,
                continueParameter: continueToken,
                labelSelector: _labelSelector,
                limit: PageSize,
                cancellationToken: cancellationToken)
            : await _client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(
                _type.Group,
                _type.Version,
                _namespace,
                _type.Plural,
                continueParameter: continueToken,
                labelSelector: _labelSelector,
                limit: PageSize,
                cancellationToken: cancellationToken);
}
