using System.Globalization;

namespace FutReindexOperator.Runtime.Diagnostics;

/// <summary>
/// A handler on the Kubernetes client that counts every API request as client-go does:
/// <c>rest_client_requests_total{code,method,host}</c> and <c>rest_client_request_duration_seconds{verb,host}</c>, so
/// throttling (429) and server errors (5xx) show on the dashboards built for controller-runtime operators.
/// </summary>
/// <remarks>
/// The duration runs until the response headers arrive: a watch counts its setup, not the stream's lifetime. A request
/// that gets no response (connection refused, reset, timeout) is counted with <c>code="&lt;error&gt;"</c>, client-go's
/// value; a request the caller cancelled is not counted. <c>host</c> is the API server's host:port, one value per
/// cluster.
/// </remarks>
internal sealed class KubernetesRequestMetrics : DelegatingHandler
{
    /// <summary>The <c>code</c> of a request that got no response.</summary>
    public const string ErrorCode = "<error>";

    private readonly RuntimeMetrics _metrics;
    private readonly TimeProvider _time;

    public KubernetesRequestMetrics(RuntimeMetrics metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        _metrics = metrics;
        _time = time;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method.Method.ToUpperInvariant();
        var host = request.RequestUri?.Authority ?? "";
        var started = _time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Record(method, host, ErrorCode, started);
            throw;
        }

        Record(method, host, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), started);
        return response;
    }

    private void Record(string method, string host, string code, long started)
    {
        _metrics.RestClientRequests.WithLabels(code, method, host).Inc();
        _metrics.RestClientDuration.WithLabels(method, host).Observe(_time.GetElapsedTime(started).TotalSeconds);
    }
}
