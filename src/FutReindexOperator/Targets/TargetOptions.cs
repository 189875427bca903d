using System.ComponentModel.DataAnnotations;

namespace FutReindexOperator.Targets;

/// <summary>Where ReindexJobs may send requests (configuration section <see cref="SectionName"/>).</summary>
public sealed class TargetOptions
{
    public const string SectionName = "Targets";

    /// <summary>The host of a Service's FHIR base; <c>{service}</c> and <c>{namespace}</c> are replaced.</summary>
    /// <value>Default <c>{service}.{namespace}.svc.cluster.local</c>; outside a cluster, for example <c>localhost</c>.</value>
    [Required]
    [RegularExpression(".*\\{service\\}.*|^[A-Za-z0-9.-]+$", ErrorMessage = "Reindex:Targets:HostTemplate must contain {{service}}, or be a fixed host name.")]
    public string HostTemplate { get; init; } = "{service}.{namespace}.svc.cluster.local";

    /// <summary>Namespaces, besides the job's own, whose Services ReindexJobs may target.</summary>
    /// <value>Default none: a job may only target a Service in its own namespace.</value>
    public IList<string> AllowedNamespaces { get; init; } = [];

    /// <summary>FHIR bases outside the cluster that a target name stands for, approved by the operator's administrator.</summary>
    /// <value>Default none.</value>
    public IList<ExternalTarget> ExternalTargets { get; init; } = [];
}
