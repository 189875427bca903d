using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("The target Services, in the plan's namespace: the named ones first, in the order given, then those the selector matches, by name.")]
public sealed class PlanTargets
{
    [JsonPropertyName("services")]
    [MaxLength(ReindexPlanSpec.MaxTargets)]
    [Items(Pattern = TargetSpec.ServiceNamePattern, MaxLength = 63)]
    [Description("Names of Services in the plan's namespace. Each must exist when a run starts.")]
    public IList<string> Services { get; set; } = [];

    [JsonPropertyName("selector")]
    [Description("A label selector over the Services of the plan's namespace, for example matchLabels fhir.fut.dk/reindex: \"true\". It must match at least one Service when a run starts.")]
    public ServiceSelector? Selector { get; set; }
}
