using System.Text.Json;
using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>Writes JSON bodies the way the API server does (<c>application/json</c>, compact).</summary>
public static class JsonResponses
{
    public static async Task WriteAsync(HttpContext context, int statusCode, JsonNode body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }

    public static Task WriteStatusAsync(HttpContext context, ApiException failure)
    {
        if (failure.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, failure.Code, failure.ToStatus());
    }

    /// <summary>Whether the client asked for a server-side Table (<c>as=Table;g=meta.k8s.io</c>).</summary>
    public static bool WantsTable(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);
}
