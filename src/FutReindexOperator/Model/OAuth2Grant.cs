using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[JsonConverter(typeof(JsonStringEnumConverter<OAuth2Grant>))]
public enum OAuth2Grant
{
    [JsonStringEnumMemberName("password")]
    Password,

    [JsonStringEnumMemberName("client_credentials")]
    ClientCredentials,
}
