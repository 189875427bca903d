namespace FutReindexOperator.Testing.HapiSimulator.Mesh;

/// <summary>
/// Buffers each answer and sends it with <c>Content-Length</c> (never chunked), so
/// <see cref="LowercaseHeaderNamesStream"/> can follow the framing of every response on a kept-alive connection.
/// </summary>
public sealed class ContentLengthMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.RequestAborted.IsCancellationRequested || context.Response.HasStarted)
        {
            return;
        }

        context.Response.ContentLength = HttpMethods.IsHead(context.Request.Method) ? null : buffer.Length;

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }
}
