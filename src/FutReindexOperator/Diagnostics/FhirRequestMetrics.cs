using System.Globalization;

namespace FutReindexOperator.Diagnostics;

/// <summary>
/// A handler on the FHIR client that counts every request in <c>fut_reindex_fhir_requests_total{target,method,code}</c>
/// and <c>fut_reindex_fhir_request_duration_seconds{target,method}</c>, the FHIR counterpart of client-go's
/// <c>rest_client_*</c>.
/// </summary>
/// <remarks>
/// The target is the job's (see <see cref="ReindexMetrics.TargetOf"/>), set by the caller around its call with
/// <see cref="ForTarget"/>: the request URL alone cannot tell it (outside a cluster every base is 127.0.0.1). The
/// duration runs until the response headers. A request that gets no response is counted with
/// <see cref="ReindexMetrics.NoResponseCode"/>; one the caller cancelled is not counted.
/// </remarks>
public sealed class FhirRequestMetrics(ReindexMetrics metrics, TimeProvider time) : DelegatingHandler
{
    /// <summary>The <c>target</c> of requests sent without <see cref="ForTarget"/>.</summary>
    public const string UnknownTarget = "unknown";

    private static readonly AsyncLocal<string?> CurrentTarget = new();

    /// <summary>Labels the FHIR requests sent in this async flow with <paramref name="target"/> until disposed.</summary>
    public static IDisposable ForTarget(string target)
    {
        var previous = CurrentTarget.Value;
        CurrentTarget.Value = target;
        return new Restore(previous);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = CurrentTarget.Value ?? UnknownTarget;
        var method = request.Method.Method.ToUpperInvariant();
        var started = time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            metrics.FhirRequest(target, method, ReindexMetrics.NoResponseCode, time.GetElapsedTime(started));
            throw;
        }

        metrics.FhirRequest(target, method, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), time.GetElapsedTime(started));
        return response;
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => CurrentTarget.Value = previous;
    }
}
