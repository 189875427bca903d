using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("A key of a Secret in the ReindexJob's own namespace.")]
public sealed class SecretKeyRef
{
    /// <summary>An RFC 1123 subdomain, as Secret names are.</summary>
    public const string SecretNamePattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>The characters a Secret data key may use.</summary>
    public const string KeyPattern = "^[-._a-zA-Z0-9]+$";

    [Required]
    [JsonPropertyName("name")]
    [MaxLength(253)]
    [RegularExpression(SecretNamePattern)]
    [Description("The name of the Secret.")]
    public string Name { get; set; } = "";

    [Required]
    [JsonPropertyName("key")]
    [MaxLength(253)]
    [RegularExpression(KeyPattern)]
    [Description("The key within the Secret's data.")]
    public string Key { get; set; } = "";
}
