namespace FutReindexOperator.Sandbox.Options;

/// <summary>How much goes wrong around the operator while it works.</summary>
public enum FaultProfile
{
    /// <summary>Nothing: every request is answered normally.</summary>
    None,

    /// <summary>Occasional mesh 503s and rate limits, a few failed status writes, a watch drop now and then.</summary>
    Flaky,

    /// <summary>Frequent timeouts, resets and latency, a token endpoint outage, throttled status writes, frequent watch drops.</summary>
    Chaos,
}
