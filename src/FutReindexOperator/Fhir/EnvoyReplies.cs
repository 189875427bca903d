namespace FutReindexOperator.Fhir;

/// <summary>
/// Istio/Envoy's own plain-text replies, which are not FHIR. What matters is whether the request reached the server:
/// Envoy's 503 "upstream connect error or disconnect/reset before headers" names the cause in its reset reason.
/// </summary>
public static class EnvoyReplies
{
    /// <summary>Reset reasons meaning no connection carried the request to the server, or the server refused the stream unprocessed.</summary>
    private static readonly string[] NotSentReasons = ["connection failure", "connection timeout", "overflow", "refused stream", "connection refused"];

    /// <summary>
    /// True when the reply proves the request never reached the server: "no healthy upstream", or "upstream connect
    /// error" whose reset reason is a connection failure (or absent). A reset of an established connection
    /// ("connection termination", "remote reset", "protocol error") may have happened after the request was sent.
    /// </summary>
    public static bool ProvesNotSent(FhirAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var body = answer.Body;
        if (body.Contains("no healthy upstream", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!body.Contains("upstream connect error", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var reasonStart = body.IndexOf("reset reason:", StringComparison.OrdinalIgnoreCase);
        if (reasonStart < 0)
        {
            return true;
        }

        var reason = body[(reasonStart + "reset reason:".Length)..];
        return NotSentReasons.Any(notSent => reason.Contains(notSent, StringComparison.OrdinalIgnoreCase));
    }
}
