using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("A fixed bearer token from a Secret.")]
public sealed class BearerTokenAuth
{
    [Required]
    [JsonPropertyName("secretRef")]
    [Description("The Secret key that holds the token.")]
    public SecretKeyRef SecretRef { get; set; } = new();
}
