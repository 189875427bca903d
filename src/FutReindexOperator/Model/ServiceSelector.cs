using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("A Kubernetes label selector: every matchLabels pair and every matchExpressions requirement must hold.")]
public sealed class ServiceSelector
{
    [JsonPropertyName("matchLabels")]
    [Description("Labels the Service must carry with exactly these values.")]
    public IDictionary<string, string> MatchLabels { get; set; } = new Dictionary<string, string>();

    [JsonPropertyName("matchExpressions")]
    [MaxLength(32)]
    [Description("Requirements on labels: key, operator (In, NotIn, Exists, DoesNotExist) and values.")]
    public IList<SelectorRequirement> MatchExpressions { get; set; } = [];
}

[Description("One label requirement.")]
public sealed class SelectorRequirement
{
    [Required]
    [JsonPropertyName("key")]
    [MaxLength(317)]
    [Description("The label key.")]
    public string Key { get; set; } = "";

    [Required]
    [JsonPropertyName("operator")]
    [Description("In, NotIn, Exists or DoesNotExist.")]
    public SelectorOperator Operator { get; set; }

    [JsonPropertyName("values")]
    [MaxLength(64)]
    [Description("The values for In and NotIn (at least one); empty for Exists and DoesNotExist.")]
    public IList<string> Values { get; set; } = [];
}

/// <summary>The operators of a label requirement.</summary>
public enum SelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}
