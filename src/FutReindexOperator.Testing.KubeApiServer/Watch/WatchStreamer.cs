using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Resources;
using FutReindexOperator.Testing.KubeApiServer.Storage;
using FutReindexOperator.Testing.KubeApiServer.Tables;

namespace FutReindexOperator.Testing.KubeApiServer.Watch;

/// <summary>
/// Serves <c>watch=true</c>: a chunked stream of newline-delimited JSON events, flushed one by one, that ends
/// at <c>timeoutSeconds</c>, when the client goes away, or when a test closes all watches.
/// </summary>
public sealed class WatchStreamer(ObjectStore store, TableBuilder tables, TimeProvider timeProvider)
{
    public async Task StreamAsync(HttpContext context, ResourceRequest request, ListQuery query)
    {
        var definition = request.Definition;
        var http = context.Request.Query;
        var bookmarks = QueryParameters.Bool(http, "allowWatchBookmarks");
        var sendInitialEvents = QueryParameters.NullableBool(http, "sendInitialEvents") == true;
        var timeout = QueryParameters.Number(http, "timeoutSeconds") is > 0 and var seconds
            ? TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue / 1000))
            : Timeout.InfiniteTimeSpan;
        var rvText = http["resourceVersion"].ToString();
        long? after = rvText is "" or "0" || sendInitialEvents ? null
            : long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv
            : throw StatusObjects.BadRequest($"resourceVersion: Invalid value: \"{rvText}\": must be a number");
        var ns = request.Namespace;
        var name = request.Name;
        bool Matches(StoredObject item) => (name is null || item.Name == name) && query.Matches(item);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";

        WatchSubscription subscription;
        try
        {
            subscription = store.Subscribe(definition.StorageKey, ns, Matches, bookmarks, after);
        }
        catch (ApiException gone) when (gone.Code == 410)
        {
            await WriteLineAsync(context, new JsonObject { ["type"] = "ERROR", ["object"] = gone.ToStatus() });
            return;
        }

        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, context.RequestAborted);
        var asTable = JsonResponses.WantsTable(context.Request);
        var includeObject = http["includeObject"].ToString();
        var firstTable = true;
        var initialEventsPending = sendInitialEvents;
        try
        {
            await context.Response.StartAsync(linked.Token);
            await context.Response.Body.FlushAsync(linked.Token);
            if (initialEventsPending && !subscription.Events.TryPeek(out _))
            {
                await WriteBookmarkAsync(context, definition, store.ResourceVersion, initialEventsEnd: true, linked.Token);
                initialEventsPending = false;
            }

            await foreach (var change in subscription.Events.ReadAllAsync(linked.Token))
            {
                if (change.Type == WatchEventType.Bookmark)
                {
                    await WriteBookmarkAsync(context, definition, change.ResourceVersion, false, linked.Token);
                    continue;
                }

                if (asTable)
                {
                    var table = tables.Build(
                        definition, [ObjectPresenter.Present(change.Item!, definition)], includeObject, firstTable, new JsonObject { ["resourceVersion"] = Version(change.ResourceVersion) });
                    firstTable = false;
                    await WriteLineAsync(context, new JsonObject { ["type"] = WatchEvent.WireName(change.Type), ["object"] = table }, linked.Token);
                }
                else
                {
                    await WriteEventAsync(context, change, definition, linked.Token);
                }

                if (initialEventsPending && !subscription.Events.TryPeek(out _))
                {
                    await WriteBookmarkAsync(context, definition, store.ResourceVersion, initialEventsEnd: true, linked.Token);
                    initialEventsPending = false;
                }
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The timeout passed or the client left: the stream ends normally.
        }
        finally
        {
            store.Unsubscribe(subscription);
        }
    }

    private static Task WriteBookmarkAsync(HttpContext context, ResourceDefinition definition, long resourceVersion, bool initialEventsEnd, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject { ["resourceVersion"] = Version(resourceVersion) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return WriteLineAsync(context, new JsonObject
        {
            ["type"] = "BOOKMARK",
            ["object"] = new JsonObject { ["kind"] = definition.Kind, ["apiVersion"] = definition.ApiVersion, ["metadata"] = metadata },
        }, cancellationToken);
    }

    /// <summary>Writes the event without copying the stored object when its stored form can be shown as is.</summary>
    private static async Task WriteEventAsync(HttpContext context, WatchEvent change, ResourceDefinition definition, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", WatchEvent.WireName(change.Type));
            writer.WritePropertyName("object");
            ObjectPresenter.Write(writer, change.Item!, definition);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    private static async Task WriteLineAsync(HttpContext context, JsonObject line, CancellationToken cancellationToken = default)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line);
        await context.Response.Body.WriteAsync(bytes, cancellationToken);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    private static string Version(long resourceVersion) => resourceVersion.ToString(CultureInfo.InvariantCulture);
}
