using System.Globalization;

namespace FutReindexOperator.Testing.HapiSimulator.Mesh;

/// <summary>The headers the Istio sidecar puts on every answer (FUT exchange), in lowercase as Envoy sends them.</summary>
public static class EnvoyHeaders
{
    public const string Server = "istio-envoy";

    /// <summary>Sets <c>server</c>, <c>x-request-id</c> and <c>x-b3-traceid</c>.</summary>
    public static void ApplyMesh(HttpResponse response, string requestId, string traceId)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers["server"] = Server;
        response.Headers["x-request-id"] = requestId;
        response.Headers["x-b3-traceid"] = traceId;
    }

    /// <summary>Sets <c>x-envoy-upstream-service-time</c>: milliseconds the upstream took.</summary>
    public static void ApplyUpstreamTime(HttpResponse response, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers["x-envoy-upstream-service-time"] = ((long)elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
    }
}
