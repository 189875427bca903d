using System.Net.Sockets;

namespace FutReindexOperator.Fhir;

/// <summary>
/// Splits transport exceptions into "certainly not sent" (no connection was made) and "maybe sent" (a timeout, or a
/// reset after the connection carried the request).
/// </summary>
public static class TransportFailures
{
    public static bool ProvesNotSent(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError })
        {
            return true;
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A short, secret-free description: the exception type and its message, bounded.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var cause = exception is TaskCanceledException or TimeoutException ? "the request timed out" : exception.Message;
        return ServerText.Sanitize(cause, 256);
    }
}
