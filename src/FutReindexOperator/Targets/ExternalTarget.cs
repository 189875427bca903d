using System.ComponentModel.DataAnnotations;

namespace FutReindexOperator.Targets;

/// <summary>An allowlisted FHIR base outside the cluster: jobs whose target is <c>Namespace/Service</c> use <see cref="BaseUrl"/>.</summary>
public sealed class ExternalTarget
{
    [Required]
    public string Namespace { get; init; } = "";

    [Required]
    public string Service { get; init; } = "";

    /// <summary>The absolute http(s) FHIR base, for example <c>https://organization.example/fhir</c>.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; init; } = "";
}
