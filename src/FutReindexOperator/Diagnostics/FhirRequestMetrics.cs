namespace FutReindexOperator.Diagnostics;

/// <summary>
/// Counts every request of the FHIR client in <c>fut_reindex_fhir_requests_total{target,method,code}</c> and
/// <c>fut_reindex_fhir_request_duration_seconds{target,method}</c>, the FHIR counterpart of client-go's
/// <c>rest_client_*</c>, through the runtime's <c>AddRequestMetrics</c> (which times the request and gives the code,
/// <c>&lt;error&gt;</c> where no response came).
/// </summary>
/// <remarks>
/// The target is the job's (see <see cref="ReindexMetrics.TargetOf"/>), set by the caller around its call with
/// <see cref="ForTarget"/>: the request URL alone cannot tell it (outside a cluster every base is 127.0.0.1).
/// </remarks>
public static class FhirRequestMetrics
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

    /// <summary>The recorder to give <c>AddRequestMetrics</c>: each request counted under the target of its flow.</summary>
    public static Action<HttpRequestMessage, string, TimeSpan> Recorder(ReindexMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return (request, code, duration) =>
            metrics.FhirRequest(CurrentTarget.Value ?? UnknownTarget, request.Method.Method.ToUpperInvariant(), code, duration);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => CurrentTarget.Value = previous;
    }
}
