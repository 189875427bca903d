using System.Text;
using System.Text.Json;

namespace FutReindexOperator.IntegrationTests.Support;

/// <summary>Unsigned (<c>alg: none</c>) JWTs as FUT's examples use them; the simulator accepts them.</summary>
public static class Jwt
{
    public static string WithoutSignature(DateTimeOffset expiresAt, string userType, string role = "$reindex")
    {
        var header = Encode(new { alg = "none", typ = "JWT" });
        var payload = Encode(new Dictionary<string, object>
        {
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["user_type"] = userType,
            ["realm_access"] = new { roles = new[] { role } },
        });
        return $"{header}.{payload}.";
    }

    private static string Encode(object value)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
