namespace FutReindexOperator.Testing.HapiSimulator.Mesh;

/// <summary>
/// A fault the mesh injects into matching requests. A request matches when every given filter matches; the rule
/// then fires with <see cref="Probability"/> (drawn from the simulator's seeded random) and, when
/// <see cref="Count"/> is set, for that many requests only.
/// </summary>
public sealed record FaultRule
{
    /// <summary>The fault.</summary>
    public required EnvoyFault Fault { get; init; }

    /// <summary>The FHIR service name, or <see cref="MeshTarget.KeycloakName"/> for the token endpoint; null matches all.</summary>
    public string? Service { get; init; }

    /// <summary>The HTTP method (case-insensitive); null matches all.</summary>
    public string? Method { get; init; }

    /// <summary>The request path's last segment, e.g. <c>$reindex</c>, <c>$hapi.fhir.reindex-status</c> or <c>token</c>; null matches all.</summary>
    public string? Operation { get; init; }

    /// <summary>How many matching requests the rule affects; null for all. <value>Default: null.</value></summary>
    public int? Count { get; init; }

    /// <summary>The chance (0 to 1) that a matching request is affected. <value>Default: 1.</value></summary>
    public double Probability { get; init; } = 1;

    /// <summary>Let the upstream handle the request before the fault (only for UpstreamTimeout and ConnectionReset). <value>Default: false.</value></summary>
    public bool AfterUpstream { get; init; }

    /// <summary>Latency added before the answer, on the simulator's clock. <value>Default: none.</value></summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (Probability is < 0 or > 1 || double.IsNaN(Probability))
        {
            throw new ArgumentException($"Probability must be between 0 and 1, not {Probability}.", nameof(Probability));
        }

        if (Count is < 1)
        {
            throw new ArgumentException($"Count must be at least 1 (or absent for every request), not {Count}.", nameof(Count));
        }

        if (Delay < TimeSpan.Zero)
        {
            throw new ArgumentException("Delay must not be negative.", nameof(Delay));
        }

        if (AfterUpstream && Fault is not (EnvoyFault.UpstreamTimeout or EnvoyFault.ConnectionReset))
        {
            throw new ArgumentException("AfterUpstream applies only to UpstreamTimeout and ConnectionReset.", nameof(AfterUpstream));
        }

        if (!Enum.IsDefined(Fault))
        {
            throw new ArgumentException($"Fault {Fault} is not a known fault.", nameof(Fault));
        }
    }
}
