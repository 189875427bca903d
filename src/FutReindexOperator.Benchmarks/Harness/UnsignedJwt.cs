using System.Text;
using System.Text.Json;

namespace FutReindexOperator.Benchmarks.Harness;

/// <summary>Unsigned (<c>alg: none</c>) bearer tokens as FUT's examples use them; the simulator accepts them.</summary>
public static class UnsignedJwt
{
    public static string For(DateTimeOffset expiresAt, string userType = "SYSTEM", string role = "$reindex")
        => $"{Encode(new { alg = "none", typ = "JWT" })}.{Encode(new Dictionary<string, object>
        {
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["user_type"] = userType,
            ["realm_access"] = new { roles = new[] { role } },
        })}.";

    private static string Encode(object value)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
