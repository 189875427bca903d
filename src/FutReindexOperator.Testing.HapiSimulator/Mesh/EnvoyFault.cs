namespace FutReindexOperator.Testing.HapiSimulator.Mesh;

/// <summary>What the simulated Envoy sidecar does instead of (or besides) passing a request on.</summary>
public enum EnvoyFault
{
    /// <summary>503 <c>upstream connect error or disconnect/reset before headers. reset reason: connection failure</c>; nothing reached the upstream.</summary>
    UpstreamConnectFailure,

    /// <summary>503 <c>no healthy upstream</c>; nothing reached the upstream.</summary>
    NoHealthyUpstream,

    /// <summary>504 <c>upstream request timeout</c>; with <see cref="FaultRule.AfterUpstream"/> the upstream did its work first (the ambiguous case).</summary>
    UpstreamTimeout,

    /// <summary>403 <c>RBAC: access denied</c> from an Istio AuthorizationPolicy.</summary>
    RbacDenied,

    /// <summary>429 <c>local_rate_limited</c> from Envoy's local rate limit.</summary>
    RateLimited,

    /// <summary>The connection is reset without an answer; with <see cref="FaultRule.AfterUpstream"/> after the upstream did its work.</summary>
    ConnectionReset,

    /// <summary>Only <see cref="FaultRule.Delay"/>: the request then passes on normally.</summary>
    Latency,
}
