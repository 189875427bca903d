using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.HapiSimulator.Auth;

/// <summary>Mints FUT-shaped access tokens (HS256 with the simulator's key) and opaque refresh tokens. Thread-safe.</summary>
public sealed class TokenIssuer(AuthOptions options, TimeProvider timeProvider, byte[] signingKey, string issuer)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (TokenPrincipal Principal, DateTimeOffset ExpiresAt)> _refreshTokens = new(StringComparer.Ordinal);
    private int _issued;

    /// <summary>Access tokens issued so far.</summary>
    public int Issued => Volatile.Read(ref _issued);

    /// <summary>A signed access token for <paramref name="principal"/>, valid for the configured lifetime.</summary>
    public string IssueAccessToken(TokenPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var now = timeProvider.GetUtcNow();
        var payload = new JsonObject
        {
            ["exp"] = (now + options.AccessTokenLifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
            ["iss"] = issuer,
            ["typ"] = "Bearer",
            ["azp"] = principal.ClientId,
            ["user_id"] = principal.UserId,
            ["preferred_username"] = principal.Username,
            ["realm_access"] = new JsonObject { ["roles"] = new JsonArray([.. principal.Roles.Select(role => JsonValue.Create(role))]) },
            ["user_type"] = principal.UserType,
        };
        Interlocked.Increment(ref _issued);
        return Sign(payload);
    }

    /// <summary>An opaque refresh token for <paramref name="principal"/>.</summary>
    public string IssueRefreshToken(TokenPrincipal principal)
    {
        var token = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        lock (_gate)
        {
            _refreshTokens[token] = (principal, timeProvider.GetUtcNow() + options.RefreshTokenLifetime);
        }

        return token;
    }

    /// <summary>The principal of a live refresh token, or null.</summary>
    public TokenPrincipal? Redeem(string refreshToken)
    {
        lock (_gate)
        {
            return _refreshTokens.TryGetValue(refreshToken, out var entry) && entry.ExpiresAt > timeProvider.GetUtcNow() ? entry.Principal : null;
        }
    }

    private string Sign(JsonObject payload)
    {
        var header = Base64Url.Encode("""{"alg":"HS256","typ":"JWT"}"""u8);
        var body = Base64Url.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
        var signature = Base64Url.Encode(HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(header + "." + body)));
        return header + "." + body + "." + signature;
    }
}
