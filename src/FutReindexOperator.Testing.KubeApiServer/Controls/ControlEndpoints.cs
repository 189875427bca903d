using System.Globalization;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Controls;

/// <summary>The test controls over HTTP, under <c>/_test/</c>, for other processes (sandbox, benchmarks, scripts).</summary>
public static class ControlEndpoints
{
    public const string Prefix = "/_test";

    public static void Map(IEndpointRouteBuilder endpoints, TestControls controls)
    {
        var group = endpoints.MapGroup(Prefix);
        group.MapPost("/watches/close", () => Json(new JsonObject { ["closed"] = controls.CloseAllWatches() }));
        group.MapGet("/watches", () => Json(new JsonObject { ["open"] = controls.OpenWatches }));
        group.MapPost("/bookmarks", () =>
        {
            controls.EmitBookmarks();
            return Results.NoContent();
        });
        group.MapPost("/faults", async (HttpContext context) =>
        {
            var body = await ReadObjectAsync(context, "expected a JSON object with verb, path, status, count and retryAfterSeconds");
            var status = Int(body, "status") ?? throw StatusObjects.BadRequest("status: Required value: the HTTP status to fail with (for example 500, 429, 409)");
            controls.FailNext(
                Text(body, "verb") ?? "*",
                Text(body, "path") ?? "*",
                status,
                Int(body, "count") ?? 1,
                Int(body, "retryAfterSeconds") ?? 1);
            return Results.NoContent();
        });
        group.MapPost("/latency", async (HttpContext context) =>
        {
            var body = await ReadObjectAsync(context, "expected a JSON object with milliseconds, verb and path");
            var milliseconds = Int(body, "milliseconds") ?? throw StatusObjects.BadRequest("milliseconds: Required value: the delay to add");
            controls.AddLatency(TimeSpan.FromMilliseconds(milliseconds), Text(body, "verb") ?? "*", Text(body, "path") ?? "*");
            return Results.NoContent();
        });
        group.MapDelete("/faults", () =>
        {
            controls.Faults.Clear();
            return Results.NoContent();
        });
        group.MapPost("/compact", () => Json(new JsonObject { ["compactedResourceVersion"] = controls.CompactHistory().ToString(CultureInfo.InvariantCulture) }));
        group.MapGet("/requests", () => Json(RequestsDocument(controls.Requests)));
        group.MapDelete("/requests", () =>
        {
            controls.Requests.Clear();
            return Results.NoContent();
        });
        group.MapPost("/reset", () =>
        {
            controls.Reset();
            return Results.NoContent();
        });
    }

    private static JsonObject RequestsDocument(RequestLog log) => new()
    {
        ["counters"] = new JsonArray(log.Counters
            .OrderBy(c => c.Key.Resource, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Verb, StringComparer.Ordinal)
            .Select(c => (JsonNode)new JsonObject { ["verb"] = c.Key.Verb, ["resource"] = c.Key.Resource, ["count"] = c.Value })
            .ToArray()),
        ["recent"] = new JsonArray(log.Recent.Select(r => (JsonNode)new JsonObject
        {
            ["time"] = r.Time.ToString("O", CultureInfo.InvariantCulture),
            ["method"] = r.Method,
            ["path"] = r.Path,
            ["query"] = r.Query,
            ["verb"] = r.Verb,
            ["resource"] = r.Resource,
            ["status"] = r.StatusCode,
            ["protocol"] = r.Protocol,
        }).ToArray()),
    };

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context, string expected)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                ?? throw StatusObjects.BadRequest(expected);
        }
        catch (System.Text.Json.JsonException)
        {
            throw StatusObjects.BadRequest(expected);
        }
    }

    private static int? Int(JsonObject body, string field) => body[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        _ => throw StatusObjects.BadRequest($"{field}: Invalid value: must be an integer"),
    };

    private static string? Text(JsonObject body, string field) => body[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw StatusObjects.BadRequest($"{field}: Invalid value: must be a string"),
    };

    private static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json");
}
