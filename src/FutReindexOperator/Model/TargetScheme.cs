using System.ComponentModel;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("The URL scheme of the FHIR base.")]
public enum TargetScheme
{
    [JsonStringEnumMemberName("http")]
    Http,

    [JsonStringEnumMemberName("https")]
    Https,
}
