using System.Globalization;
using System.Net;
using k8s.Autorest;

namespace FutReindexOperator.Runtime.Watching;

/// <summary>Reads the wait an overloaded API server asks for (429 or 503 with <c>Retry-After</c> in seconds).</summary>
internal static class RetryAfter
{
    /// <summary>The requested wait, or zero when <paramref name="exception"/> carries none.</summary>
    public static TimeSpan Of(Exception exception) =>
        exception is HttpOperationException { Response: { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response }
        && response.Headers is { } headers
        && headers.TryGetValue("Retry-After", out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;
}
