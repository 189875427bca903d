using System.Globalization;

namespace FutReindexOperator.Runtime.Diagnostics;

/// <summary>
/// A handler that times each request until its response headers arrive and hands the request, its status code and the
/// time taken to a recorder: the measuring behind client-go's <c>rest_client_*</c> families, shared by the Kubernetes
/// client (<see cref="KubernetesRequestMetrics"/>) and any HTTP client given <c>AddRequestMetrics</c>.
/// </summary>
/// <remarks>
/// A watch counts its setup, not the stream's lifetime. A request that gets no response (connection refused, reset,
/// timeout) is recorded with <see cref="NoResponseCode"/>, client-go's value, and its exception passed on; a request the
/// caller cancelled is not recorded.
/// </remarks>
internal sealed class RequestMetricsHandler : DelegatingHandler
{
    /// <summary>The code of a request that got no response.</summary>
    public const string NoResponseCode = "<error>";

    private readonly TimeProvider _time;
    private readonly Action<HttpRequestMessage, string, TimeSpan> _record;

    /// <param name="time">The clock that times the requests.</param>
    /// <param name="record">Called once per request with the request, its code and the time until its response headers.</param>
    public RequestMetricsHandler(TimeProvider time, Action<HttpRequestMessage, string, TimeSpan> record)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(record);
        _time = time;
        _record = record;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _record(request, NoResponseCode, _time.GetElapsedTime(started));
            throw;
        }

        _record(request, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), _time.GetElapsedTime(started));
        return response;
    }
}
