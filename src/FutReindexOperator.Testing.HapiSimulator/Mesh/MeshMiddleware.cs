using System.Security.Cryptography;
using System.Text;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Recording;

namespace FutReindexOperator.Testing.HapiSimulator.Mesh;

/// <summary>
/// The simulated Istio sidecar in front of every upstream: routes, stamps the mesh headers, injects faults and
/// records each request. The control API (<c>/_sim</c>) bypasses it.
/// </summary>
public sealed partial class MeshMiddleware(RequestDelegate next, SimulatorRuntime runtime, ILogger<MeshMiddleware> logger)
{
    public const string ControlPrefix = "/_sim";

    private const string UpstreamStartedKey = "mesh.upstream-started";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.Path.StartsWithSegments(ControlPrefix))
        {
            await next(context);
            return;
        }

        var time = runtime.TimeProvider;
        var receivedAt = time.GetUtcNow();
        var sequence = runtime.Recorder.NextSequence();
        var target = MeshTarget.Resolve(request.Path.Value ?? "/", runtime.ServiceNames);
        var requestId = FirstOr(request.Headers["x-request-id"], Guid.NewGuid().ToString());
        var traceId = FirstOr(request.Headers["x-b3-traceid"], RandomNumberGenerator.GetHexString(32, lowercase: true));
        var body = await ReadBodyAsync(request, context.RequestAborted);
        runtime.Traffic.CountRequest(target.Name);

        context.Response.OnStarting(() =>
        {
            EnvoyHeaders.ApplyMesh(context.Response, requestId, traceId);
            if (context.Items.TryGetValue(UpstreamStartedKey, out var started) && started is long startedAt)
            {
                EnvoyHeaders.ApplyUpstreamTime(context.Response, time.GetElapsedTime(startedAt));
            }

            return Task.CompletedTask;
        });

        FaultRule? fault = null;
        var reset = false;
        try
        {
            if (target.Name is null)
            {
                // Envoy's route_not_found: 404 without a body.
                await EnvoyLocalReply.WriteAsync(context.Response, StatusCodes.Status404NotFound, "", context.RequestAborted);
                return;
            }

            fault = runtime.Faults.Match(target, request.Method);
            if (fault is not null)
            {
                runtime.Traffic.CountFault(fault.Fault.ToString());
                LogFault(logger, fault.Fault, request.Method, request.Path.Value ?? "/");
                if (fault.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(fault.Delay, time, context.RequestAborted);
                }
            }

            reset = await ForwardAsync(context, fault);
        }
        finally
        {
            runtime.Recorder.Add(new RecordedRequest(
                sequence, receivedAt, target.Name, request.Method, request.Path + request.QueryString,
                MaskedHeaders(request.Headers), body, reset ? 0 : context.Response.StatusCode, fault?.Fault.ToString()));
        }
    }

    /// <summary>Passes the request on or answers for Envoy; returns whether the connection was reset.</summary>
    private async Task<bool> ForwardAsync(HttpContext context, FaultRule? fault)
    {
        switch (fault)
        {
            case null or { Fault: EnvoyFault.Latency }:
                context.Items[UpstreamStartedKey] = runtime.TimeProvider.GetTimestamp();
                await next(context);
                return false;
            case { AfterUpstream: true }:
                await CallUpstreamDiscardingAnswerAsync(context);
                if (fault.Fault == EnvoyFault.ConnectionReset)
                {
                    context.Abort();
                    return true;
                }

                await EnvoyLocalReply.WriteAsync(context.Response, fault.Fault, context.RequestAborted);
                return false;
            case { Fault: EnvoyFault.ConnectionReset }:
                context.Abort();
                return true;
            default:
                await EnvoyLocalReply.WriteAsync(context.Response, fault.Fault, context.RequestAborted);
                return false;
        }
    }

    // The upstream does its work (a job is created) but its answer never reaches the client.
    private async Task CallUpstreamDiscardingAnswerAsync(HttpContext context)
    {
        var original = context.Response.Body;
        await using var discarded = new MemoryStream();
        context.Response.Body = discarded;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        context.Response.Clear();
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync(cancellationToken);
        request.Body.Position = 0;
        return request.HasFormContentType ? SecretMasking.MaskFormSecrets(body) : body;
    }

    private static Dictionary<string, string> MaskedHeaders(IHeaderDictionary headers) =>
        headers.ToDictionary(
            header => header.Key,
            header => string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)
                ? SecretMasking.MaskAuthorization(header.Value.ToString())
                : header.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Injecting {Fault} into {Method} {Path}")]
    private static partial void LogFault(ILogger logger, EnvoyFault fault, string method, string path);

    private static string FirstOr(Microsoft.Extensions.Primitives.StringValues values, string fallback) =>
        values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0]! : fallback;
}
