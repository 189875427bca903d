using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Patching;
using FutReindexOperator.Testing.KubeApiServer.Serialization;
using FutReindexOperator.Testing.KubeApiServer.Storage;
using FutReindexOperator.Testing.KubeApiServer.Tables;
using FutReindexOperator.Testing.KubeApiServer.Watch;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>Answers the HTTP verbs on resource paths: get, list, watch, create, update, patch, delete.</summary>
public sealed class ResourceEndpoint(ObjectStore store, ObjectWriter writer, TableBuilder tables, WatchStreamer watches)
{
    public async Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        var method = context.Request.Method;
        var isWatch = QueryParameters.Bool(context.Request.Query, "watch");
        switch (method)
        {
            case "GET" when isWatch:
                QueryParameters.ValidateListOptions(context.Request.Query, watch: true);
                await watches.StreamAsync(context, request, ListQuery.Parse(context.Request.Query, request.Definition));
                break;
            case "GET" when request.Name is null:
                QueryParameters.ValidateListOptions(context.Request.Query, watch: false);
                await ListAsync(context, request);
                break;
            case "GET":
                await GetAsync(context, request);
                break;
            case "POST" when request.Name is null:
                var createOptions = Options(context, "CreateOptions");
                var created = writer.Create(request.Definition, request.Namespace, await ReadObjectAsync(context), createOptions);
                await RespondAsync(context, request, 201, created, createOptions);
                break;
            case "PUT" when request.Name is not null:
                var updateOptions = Options(context, "UpdateOptions");
                var updated = writer.Update(request.Definition, request.Namespace, request.Name, request.Subresource, await ReadObjectAsync(context), updateOptions);
                await RespondAsync(context, request, 200, updated, updateOptions);
                break;
            case "PATCH" when request.Name is not null:
                var contentType = context.Request.ContentType ?? "";
                var patch = await ReadBodyAsync(context, contentType);
                var patchOptions = Options(context, "PatchOptions");
                var (patched, wasCreated) = writer.Patch(request.Definition, request.Namespace, request.Name, request.Subresource, contentType, patch, patchOptions);
                await RespondAsync(context, request, wasCreated ? 201 : 200, patched, patchOptions);
                break;
            case "DELETE" when request.Name is not null:
                var options = await DeleteOptionsAsync(context);

                var (last, gone) = writer.Delete(request.Definition, request.Namespace, request.Name, options);
                if (gone && !request.Definition.ReturnsDeletedObject)
                {
                    await JsonResponses.WriteAsync(context, 200, StatusObjects.Success(request.Definition, request.Name, last["metadata"]?["uid"]?.GetValue<string>()));
                }
                else
                {
                    await RespondAsync(context, request, 200, last);
                }

                break;
            case "DELETE":
                var query = ListQuery.Parse(context.Request.Query, request.Definition);
                writer.DeleteCollection(request.Definition, request.Namespace, query.Matches, await DeleteOptionsAsync(context));
                await JsonResponses.WriteAsync(context, 200, new JsonObject
                {
                    ["kind"] = "Status",
                    ["apiVersion"] = "v1",
                    ["metadata"] = new JsonObject(),
                    ["status"] = "Success",
                });
                break;
            default:
                throw StatusObjects.MethodNotAllowed($"the server does not allow this method on the requested resource");
        }
    }

    private async Task GetAsync(HttpContext context, ResourceRequest request)
    {
        var stored = store.Get(request.Definition.StorageKey, request.Namespace ?? "", request.Name!) ??
            throw StatusObjects.NotFound(request.Definition, request.Name!);
        if (request.Subresource is not null && !(request.Subresource == "status" && request.Definition.HasStatusSubresource))
        {
            throw StatusObjects.NotFound(request.Definition, request.Name!);
        }

        await RespondAsync(context, request, 200, stored.ToNode());
    }

    private async Task ListAsync(HttpContext context, ResourceRequest request)
    {
        var definition = request.Definition;
        var query = ListQuery.Parse(context.Request.Query, definition);
        var listing = store.List(definition.StorageKey, request.Namespace, query.Matches, query.Limit, query.Continue?.LastKey, query.Continue?.ResourceVersion);
        var metadata = new JsonObject { ["resourceVersion"] = listing.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (listing.HasMore)
        {
            metadata["continue"] = new ContinueToken(listing.ResourceVersion, listing.Items[^1].Key).Encode();
        }

        if (JsonResponses.WantsTable(context.Request))
        {
            var table = tables.Build(definition, listing.Items.Select(i => ObjectPresenter.Present(i, definition)), context.Request.Query["includeObject"], true, metadata);
            await JsonResponses.WriteAsync(context, 200, table);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("kind", definition.ListKind);
        json.WriteString("apiVersion", definition.ApiVersion);
        json.WritePropertyName("metadata");
        metadata.WriteTo(json);
        json.WriteStartArray("items");
        foreach (var item in listing.Items)
        {
            ObjectPresenter.Write(json, item, definition);
            if (json.BytesPending > 32 * 1024)
            {
                await json.FlushAsync(context.RequestAborted);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private async Task RespondAsync(HttpContext context, ResourceRequest request, int statusCode, JsonObject stored, WriteOptions? options = null)
    {
        foreach (var warning in options?.Warnings ?? [])
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        var shown = ObjectPresenter.Present(stored, request.Definition);
        if (JsonResponses.WantsTable(context.Request))
        {
            var table = tables.Build(request.Definition, [shown], context.Request.Query["includeObject"], true, new JsonObject
            {
                ["resourceVersion"] = shown["metadata"]?["resourceVersion"]?.DeepClone(),
            });
            await JsonResponses.WriteAsync(context, statusCode, table);
            return;
        }

        await JsonResponses.WriteAsync(context, statusCode, shown);
    }

    private static WriteOptions Options(HttpContext context, string optionsKind)
    {
        var query = context.Request.Query;
        QueryParameters.ValidateWriteOptions(query, optionsKind);
        var manager = query["fieldManager"].ToString();
        if (manager.Length == 0 && !(context.Request.ContentType ?? "").StartsWith("application/apply-patch", StringComparison.Ordinal))
        {
            var agent = context.Request.Headers.UserAgent.ToString();
            manager = agent.Length == 0 ? "unknown" : agent.Split('/', ' ')[0];
        }

        var validation = query["fieldValidation"].ToString();
        return new WriteOptions(manager, validation.Length == 0 ? "Warn" : validation, query["dryRun"].Count > 0);
    }

    /// <summary>
    /// The DeleteOptions of a delete: the query's <c>dryRun</c>, <c>propagationPolicy</c> and <c>orphanDependents</c>,
    /// overridden by the fields of a body, as kube-apiserver decodes them.
    /// </summary>
    private static async Task<JsonObject?> DeleteOptionsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var options = new JsonObject();
        if (query["dryRun"].Count > 0)
        {
            QueryParameters.ValidateDeleteDryRun(query["dryRun"].Select(v => v ?? ""));
            options["dryRun"] = new JsonArray("All");
        }

        if (query["propagationPolicy"].Count > 0)
        {
            options["propagationPolicy"] = query["propagationPolicy"].ToString();
        }

        if (query["orphanDependents"].Count > 0)
        {
            options["orphanDependents"] = QueryParameters.Bool(query, "orphanDependents");
        }

        var body = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
            ? await ReadBodyAsync(context, "application/json") as JsonObject
            : null;
        foreach (var (field, value) in body ?? [])
        {
            options[field] = value?.DeepClone();
        }

        return options.Count == 0 ? null : options;
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await ReadBodyAsync(context, context.Request.ContentType ?? "application/json") as JsonObject ??
        throw StatusObjects.BadRequest("the request body must be a JSON object");

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context, string contentType)
    {
        if (contentType.StartsWith(ProtobufBodies.ContentType, StringComparison.Ordinal))
        {
            using var bytes = new MemoryStream();
            await context.Request.Body.CopyToAsync(bytes, context.RequestAborted);
            return ProtobufBodies.Decode(bytes.ToArray());
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (contentType.Contains("yaml", StringComparison.Ordinal))
        {
            return YamlToJson.Convert(text);
        }

        if (contentType.Contains("protobuf", StringComparison.Ordinal) || contentType.Contains("cbor", StringComparison.Ordinal))
        {
            throw StatusObjects.UnsupportedMediaType(contentType);
        }

        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw StatusObjects.BadRequest($"error decoding JSON: {e.Message}");
        }
    }
}
