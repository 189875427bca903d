using System.Text;
using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Support;

/// <summary>Unsigned (<c>alg: none</c>) JWTs shaped like FUT's.</summary>
public static class TestTokens
{
    /// <summary>The token of FUT's captured exchange (roles <c>$test-only-create</c> and <c>$reindex</c>, SYSTEM, no expiry).</summary>
    public const string FutExchange =
        "eyJhbGciOiJub25lIn0.eyJ1c2VyX2lkIjoiZjRiYWMxMmItM2M2Yy00MTliLWI5NGYtMTNkNjFkZmUzOTg2IiwicmVhbG1fYWNjZXNzIjp7InJvbGVzIjpbIiR0ZXN0LW9ubHktY3JlYXRlIiwiJHJlaW5kZXgiXX0sInVzZXJfdHlwZSI6IlNZU1RFTSJ9.";

    /// <summary>An unsigned token with the given claims.</summary>
    public static string AlgNone(string[]? roles = null, string? userType = "SYSTEM", DateTimeOffset? expires = null)
    {
        var payload = new JsonObject
        {
            ["user_id"] = "f4bac12b-3c6c-419b-b94f-13d61dfe3986",
            ["realm_access"] = new JsonObject { ["roles"] = new JsonArray([.. (roles ?? ["$reindex"]).Select(role => JsonValue.Create(role))]) },
        };
        if (userType is not null)
        {
            payload["user_type"] = userType;
        }

        if (expires is { } at)
        {
            payload["exp"] = at.ToUnixTimeSeconds();
        }

        return Encode("""{"alg":"none"}""") + "." + Encode(payload.ToJsonString()) + ".";
    }

    private static string Encode(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
