namespace FutReindexOperator.Runtime.Diagnostics;

/// <summary>
/// Counts every Kubernetes API request as client-go does: <c>rest_client_requests_total{code,method,host}</c> and
/// <c>rest_client_request_duration_seconds{verb,host}</c>, so throttling (429) and server errors (5xx) show on the
/// dashboards built for controller-runtime operators.
/// </summary>
/// <remarks>
/// The timing and the <c>code="&lt;error&gt;"</c> of a request without a response are <see cref="RequestMetricsHandler"/>'s.
/// <c>host</c> is the API server's host:port, one value per cluster.
/// </remarks>
internal static class KubernetesRequestMetrics
{
    /// <summary>The handler to give the Kubernetes client.</summary>
    public static RequestMetricsHandler Create(RuntimeMetrics metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new RequestMetricsHandler(time, (request, code, duration) =>
        {
            var method = request.Method.Method.ToUpperInvariant();
            var host = request.RequestUri?.Authority ?? "";
            metrics.RestClientRequests.WithLabels(code, method, host).Inc();
            metrics.RestClientDuration.WithLabels(method, host).Observe(duration.TotalSeconds);
        });
    }
}
