using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("An OAuth2 token endpoint and the Secret holding the credentials for it.")]
public sealed class OAuth2Auth
{
    [Required]
    [JsonPropertyName("tokenUrl")]
    [MaxLength(2048)]
    [RegularExpression("^https?://[^\\s]+$")]
    [Description("The token endpoint, for Keycloak https://<host>/auth/realms/<realm>/protocol/openid-connect/token. The operator may restrict it to an allowlist.")]
    public string TokenUrl { get; set; } = "";

    [JsonPropertyName("grant")]
    [Description("password (a system user's username and password) or client_credentials (the client's own credentials).")]
    public OAuth2Grant Grant { get; set; } = OAuth2Grant.ClientCredentials;

    [Required]
    [JsonPropertyName("secretName")]
    [MaxLength(253)]
    [RegularExpression(SecretKeyRef.SecretNamePattern)]
    [Description("The Secret, in the ReindexJob's namespace, that holds the credentials.")]
    public string SecretName { get; set; } = "";

    [JsonPropertyName("clientIdKey")]
    [MaxLength(253)]
    [RegularExpression(SecretKeyRef.KeyPattern)]
    [Description("The Secret key holding the client id.")]
    public string ClientIdKey { get; set; } = "client-id";

    [JsonPropertyName("clientSecretKey")]
    [MaxLength(253)]
    [RegularExpression(SecretKeyRef.KeyPattern)]
    [Description("The Secret key holding the client secret. A missing key means a public client, which sends none.")]
    public string ClientSecretKey { get; set; } = "client-secret";

    [JsonPropertyName("usernameKey")]
    [MaxLength(253)]
    [RegularExpression(SecretKeyRef.KeyPattern)]
    [Description("The Secret key holding the username (password grant).")]
    public string UsernameKey { get; set; } = "username";

    [JsonPropertyName("passwordKey")]
    [MaxLength(253)]
    [RegularExpression(SecretKeyRef.KeyPattern)]
    [Description("The Secret key holding the password (password grant).")]
    public string PasswordKey { get; set; } = "password";

    [JsonPropertyName("scope")]
    [MaxLength(1024)]
    [Description("The OAuth2 scope to request, space-separated. Absent: none is sent.")]
    public string? Scope { get; set; }
}
