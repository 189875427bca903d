namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>The faults a chaos run injects.</summary>
public enum FaultKind
{
    /// <summary>SIGKILL the (leading) operator process and start a new one.</summary>
    KillOperator,

    /// <summary>With two replicas under leader election: SIGKILL the leader; the standby must take over.</summary>
    KillLeader,

    /// <summary>End every open watch stream on the API server.</summary>
    DropWatches,

    /// <summary>The next Kubernetes API writes answer 500.</summary>
    ApiInternalError,

    /// <summary>The next Kubernetes API requests answer 429 with Retry-After.</summary>
    ApiTooManyRequests,

    /// <summary>The next status patches answer 409.</summary>
    ApiConflict,

    /// <summary>Envoy answers 503 (upstream connect error) to some FHIR requests.</summary>
    Envoy503,

    /// <summary>Envoy answers 504 to some FHIR requests, some after HAPI acted (the ambiguous case).</summary>
    Envoy504,

    /// <summary>Connections reset without an answer.</summary>
    EnvoyReset,

    /// <summary>FHIR answers delayed.</summary>
    EnvoyLatency,

    /// <summary>The token endpoint answers 503 no healthy upstream.</summary>
    TokenOutage,
}
