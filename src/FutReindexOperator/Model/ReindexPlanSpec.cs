using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("Which Services to reindex, with which job spec, how many at once, and what a failure stops.")]
public sealed class ReindexPlanSpec
{
    /// <summary>The most targets one run may cover (the status table holds one row per target).</summary>
    public const int MaxTargets = 256;

    /// <summary>The default of <see cref="MaxConcurrentTargets"/>.</summary>
    public const int DefaultMaxConcurrentTargets = 3;

    [Required]
    [JsonPropertyName("targets")]
    [Description("The Services of the plan's namespace to reindex: a list of names, a label selector, or both (their union). Resolved once when a run starts and recorded in status.targets.")]
    public PlanTargets Targets { get; set; } = new();

    [Required]
    [JsonPropertyName("template")]
    [Description("The spec of every child ReindexJob, without target.service: urls, HAPI parameters, auth, polling, and the target's port, scheme and basePath. Validated as a ReindexJob's spec is. Immutable: create a new ReindexPlan to change it.")]
    public ReindexJobSpec Template { get; set; } = new();

    [JsonPropertyName("maxConcurrentTargets")]
    [Range(1, MaxTargets)]
    [Description("How many children run at once (1 to 256). The operator-wide limit of one job per FHIR service still applies.")]
    public int MaxConcurrentTargets { get; set; } = DefaultMaxConcurrentTargets;

    [JsonPropertyName("failurePolicy")]
    [Description("Continue: every target is tried, whatever the others' outcome. StopOnFirstFailure: no new child starts after one has failed; the running ones finish.")]
    public PlanFailurePolicy FailurePolicy { get; set; } = PlanFailurePolicy.Continue;
}
