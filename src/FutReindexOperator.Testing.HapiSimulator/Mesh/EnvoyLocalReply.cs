using System.Text;

namespace FutReindexOperator.Testing.HapiSimulator.Mesh;

/// <summary>Envoy's own plain-text answers (protocol section 5.3): no HAPI headers, no FHIR body.</summary>
public static class EnvoyLocalReply
{
    public const string UpstreamConnectFailure = "upstream connect error or disconnect/reset before headers. reset reason: connection failure";
    public const string NoHealthyUpstream = "no healthy upstream";
    public const string UpstreamTimeout = "upstream request timeout";
    public const string RbacDenied = "RBAC: access denied";
    public const string RateLimited = "local_rate_limited";

    /// <summary>The status and body Envoy answers <paramref name="fault"/> with.</summary>
    public static (int Status, string Body) For(EnvoyFault fault) => fault switch
    {
        EnvoyFault.UpstreamConnectFailure => (StatusCodes.Status503ServiceUnavailable, UpstreamConnectFailure),
        EnvoyFault.NoHealthyUpstream => (StatusCodes.Status503ServiceUnavailable, NoHealthyUpstream),
        EnvoyFault.UpstreamTimeout => (StatusCodes.Status504GatewayTimeout, UpstreamTimeout),
        EnvoyFault.RbacDenied => (StatusCodes.Status403Forbidden, RbacDenied),
        EnvoyFault.RateLimited => (StatusCodes.Status429TooManyRequests, RateLimited),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "The fault has no local reply."),
    };

    /// <summary>Writes Envoy's answer for <paramref name="fault"/>.</summary>
    public static Task WriteAsync(HttpResponse response, EnvoyFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var (status, body) = For(fault);
        return WriteAsync(response, status, body, cancellationToken);
    }

    /// <summary>Writes a plain-text Envoy answer.</summary>
    public static Task WriteAsync(HttpResponse response, int status, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        if (body.Length == 0)
        {
            response.ContentLength = 0;
            return Task.CompletedTask;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        response.Headers["content-type"] = "text/plain";
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, cancellationToken).AsTask();
    }
}
