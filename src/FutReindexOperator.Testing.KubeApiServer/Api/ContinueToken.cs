using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>The opaque <c>continue</c> token of a paged list: the list's resource version and the last key returned.</summary>
public sealed record ContinueToken(long ResourceVersion, string LastKey)
{
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject
    {
        ["v"] = "meta.k8s.io/v1",
        ["rv"] = ResourceVersion,
        ["start"] = LastKey,
    }.ToJsonString()));

    /// <exception cref="ApiException">400 BadRequest for a token this server did not issue.</exception>
    public static ContinueToken Decode(string token)
    {
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(token))!;
            return new ContinueToken(json["rv"]!.GetValue<long>(), json["start"]!.GetValue<string>());
        }
        catch (Exception e) when (e is FormatException or JsonException or NullReferenceException or InvalidOperationException)
        {
            throw StatusObjects.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }
}
