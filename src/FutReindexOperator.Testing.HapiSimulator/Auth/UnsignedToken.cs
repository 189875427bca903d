using System.Text;
using System.Text.Json;

namespace FutReindexOperator.Testing.HapiSimulator.Auth;

/// <summary>Unsigned (<c>alg: none</c>) JWTs as FUT's examples use them; the simulator accepts them (see <see cref="JwtInspector"/>).</summary>
public static class UnsignedToken
{
    /// <summary>A token of <paramref name="userType"/> with the realm role <paramref name="role"/>, expiring at <paramref name="expiresAt"/>.</summary>
    public static string Create(DateTimeOffset expiresAt, string userType, string role = "$reindex")
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

    private static string Encode(object value) => Base64Url.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
}
