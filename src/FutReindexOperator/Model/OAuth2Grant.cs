using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

public enum OAuth2Grant
{
    [JsonStringEnumMemberName("password")]
    Password,

    [JsonStringEnumMemberName("client_credentials")]
    ClientCredentials,
}
