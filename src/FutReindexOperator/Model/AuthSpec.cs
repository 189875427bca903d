using System.ComponentModel;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("Exactly one of bearerToken, oauth2 or none. Secrets are read only from the ReindexJob's own namespace.")]
[ExactlyOneOf("bearerToken", "oauth2", "none")]
[CelRule("[has(self.bearerToken), has(self.oauth2), has(self.none)].filter(x, x).size() == 1", "set exactly one of bearerToken, oauth2 or none")]
public sealed class AuthSpec
{
    [JsonPropertyName("bearerToken")]
    [Description("A fixed bearer token, read from a key of a Secret in the ReindexJob's namespace.")]
    public BearerTokenAuth? BearerToken { get; set; }

    [JsonPropertyName("oauth2")]
    [Description("Tokens from an OAuth2 token endpoint (Keycloak), with credentials from a Secret in the ReindexJob's namespace; tokens are cached per credential and renewed before they expire.")]
    public OAuth2Auth? OAuth2 { get; set; }

    [JsonPropertyName("none")]
    [Description("No Authorization header, for servers that need none. Write none: {}.")]
    public NoAuth? None { get; set; }
}
