using System.Text.Json;
using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.Testing.HapiSimulator.Hosting;

/// <summary>Turns invalid control requests (bad JSON, an invalid script or fault) into 400 with <c>{"error": ...}</c>.</summary>
public sealed class ControlErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments(MeshMiddleware.ControlPrefix))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException or BadHttpRequestException && !context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = (exception.InnerException as ArgumentException ?? exception).Message }, context.RequestAborted);
        }
    }
}
