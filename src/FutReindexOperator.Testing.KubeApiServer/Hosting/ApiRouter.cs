using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Authorization;
using FutReindexOperator.Testing.KubeApiServer.Controls;
using FutReindexOperator.Testing.KubeApiServer.Discovery;
using FutReindexOperator.Testing.KubeApiServer.OpenApi;
using FutReindexOperator.Testing.KubeApiServer.Resources;

namespace FutReindexOperator.Testing.KubeApiServer.Hosting;

/// <summary>
/// Routes every Kubernetes API request (version, discovery, OpenAPI, resources), applying injected latency
/// and failures first and recording each request in the log. Paths under <c>/_test</c> pass through.
/// Every other request is authenticated and authorized first (<see cref="RequestAuthorization"/>).
/// </summary>
internal sealed class ApiRouter(
    ResourceRegistry registry,
    DiscoveryDocuments discovery,
    OpenApiDocuments openApi,
    ResourceEndpoint resources,
    RequestAuthorization authorization,
    ReviewEndpoints reviews,
    FaultInjector faults,
    RequestLog requests,
    TimeProvider timeProvider,
    ILogger<ApiRouter> logger)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(ControlEndpoints.Prefix + "/", StringComparison.Ordinal))
        {
            try
            {
                await next();
            }
            catch (ApiException failure) when (!context.Response.HasStarted)
            {
                await JsonResponses.WriteStatusAsync(context, failure);
            }

            return;
        }

        var method = context.Request.Method;
        var request = ResourceRequest.Parse(path, registry);
        var isWatch = QueryParameters.Bool(context.Request.Query, "watch");
        var verb = request?.Verb(method, isWatch) ?? method.ToLowerInvariant();
        var resource = request is null ? path : request.Definition.GroupResource + (request.Subresource is null ? "" : "/" + request.Subresource);
        var started = timeProvider.GetUtcNow();
        try
        {
            authorization.Authorize(context);
            var delay = faults.LatencyFor(verb, method, path);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, timeProvider, context.RequestAborted);
            }

            if (faults.TakeFailure(verb, method, path) is { } failure)
            {
                throw failure;
            }

            if (request is not null && ReviewResources.IsReview(request.Definition))
            {
                await reviews.HandleAsync(context, request.Definition);
            }
            else if (request is not null)
            {
                await resources.HandleAsync(context, request);
            }
            else
            {
                await ServeNonResourceAsync(context, path);
            }
        }
        catch (ApiException failure) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteStatusAsync(context, failure);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (e is not ApiException && !context.Response.HasStarted)
        {
            ServerLog.UnexpectedFailure(logger, e, method, path);
            await JsonResponses.WriteStatusAsync(context, new ApiException(500, "InternalError", $"Internal error occurred: {e.GetType().Name}"));
        }
        finally
        {
            requests.Add(new RequestRecord(started, method, path, context.Request.QueryString.Value ?? "", verb, resource, context.Response.StatusCode, context.Request.Protocol));
        }
    }

    private async Task ServeNonResourceAsync(HttpContext context, string path)
    {
        if (context.Request.Method != "GET")
        {
            throw NotFound();
        }

        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonNode? document = segments switch
        {
            ["version"] => DiscoveryDocuments.Version(),
            ["api"] => DiscoveryDocuments.CoreVersions(context.Request.Host.Value ?? "127.0.0.1"),
            ["api", var version] => discovery.Resources("", version),
            ["apis"] => discovery.Groups(),
            ["apis", var group] => discovery.Group(group),
            ["apis", var group, var version] => discovery.Resources(group, version),
            ["openapi", "v3"] => openApi.Root(),
            ["openapi", "v3", "api", var version] => openApi.GroupVersion("", version),
            ["openapi", "v3", "apis", var group, var version] => openApi.GroupVersion(group, version),
            ["healthz" or "livez" or "readyz"] => JsonValue.Create("ok"),
            _ => null,
        };
        if (document is null)
        {
            throw NotFound();
        }

        if (document is JsonValue text)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(text.GetValue<string>(), context.RequestAborted);
            return;
        }

        await JsonResponses.WriteAsync(context, 200, document);
    }

    private static ApiException NotFound() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());
}
