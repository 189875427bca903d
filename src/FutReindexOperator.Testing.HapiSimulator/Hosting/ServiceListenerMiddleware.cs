namespace FutReindexOperator.Testing.HapiSimulator.Hosting;

/// <summary>
/// Makes a service's own listener behave like that service's host: a request to <c>/fhir/...</c> on it is handled
/// exactly as <c>/{service}/fhir/...</c> on the shared port (same jobs, faults and recording); any other path gets the
/// mesh's no-route answer, since the whole listener is that one upstream.
/// </summary>
public sealed class ServiceListenerMiddleware(RequestDelegate next, ServiceListeners listeners)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (listeners.ServiceOnPort(context.Connection.LocalPort) is { } service)
        {
            context.Request.Path = new PathString("/" + service).Add(context.Request.Path);
        }

        return next(context);
    }
}
