using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FutReindexOperator.Testing.HapiSimulator.Auth;

/// <summary>
/// FUT's bearer check: an <c>alg: none</c> token (when allowed) or one signed HS256 by this simulator's token
/// endpoint, or one of the configured static tokens; <c>exp</c> in the future on the simulator's clock; <c>user_type</c> and <c>realm_access.roles</c> as configured.
/// </summary>
public sealed class JwtInspector(AuthOptions options, TimeProvider timeProvider, byte[] signingKey)
{
    /// <summary>Checks an Authorization header value.</summary>
    public AccessDecision Check(string? authorization)
    {
        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(authorization))
        {
            return AccessDecision.Unauthenticated("no Authorization header");
        }

        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AccessDecision.Unauthenticated("the Authorization header is not a bearer token");
        }

        var token = authorization[scheme.Length..].Trim();
        if (options.StaticTokens.Any(accepted => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(accepted), Encoding.UTF8.GetBytes(token))))
        {
            return AccessDecision.Allowed;
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return AccessDecision.Unauthenticated("the token is not a JWT");
        }

        if (Json(parts[0]) is not { } header || Json(parts[1]) is not { } payload)
        {
            return AccessDecision.Unauthenticated("the token's header or payload is not base64url JSON");
        }

        using (header)
        using (payload)
        {
            var signatureProblem = CheckSignature(header.RootElement, parts);
            if (signatureProblem is not null)
            {
                return AccessDecision.Unauthenticated(signatureProblem);
            }

            return CheckClaims(payload.RootElement);
        }
    }

    private string? CheckSignature(JsonElement header, string[] parts)
    {
        var algorithm = header.ValueKind == JsonValueKind.Object && header.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String
            ? alg.GetString()
            : null;
        switch (algorithm)
        {
            case "none" when !options.AcceptAlgNone:
                return "unsigned tokens are not accepted";
            case "none":
                return parts[2].Length == 0 ? null : "an alg none token must have an empty signature";
            case "HS256":
                var expected = HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
                var actual = Base64Url.TryDecode(parts[2]);
                return actual is not null && CryptographicOperations.FixedTimeEquals(expected, actual) ? null : "the token signature is invalid";
            default:
                return "the token's algorithm is not supported";
        }
    }

    private AccessDecision CheckClaims(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return AccessDecision.Unauthenticated("the token payload is not a JSON object");
        }

        if (payload.TryGetProperty("exp", out var exp))
        {
            if (!exp.TryGetInt64(out var expiresAt))
            {
                return AccessDecision.Unauthenticated("the token's exp is not a number");
            }

            if (DateTimeOffset.FromUnixTimeSeconds(expiresAt) <= timeProvider.GetUtcNow())
            {
                return AccessDecision.Unauthenticated("the token has expired");
            }
        }

        var userType = payload.TryGetProperty("user_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() ?? "" : "";
        if (!string.Equals(userType, options.RequiredUserType, StringComparison.Ordinal))
        {
            return AccessDecision.Forbidden($"Operation not allowed for user type: {userType}");
        }

        var roles = payload.TryGetProperty("realm_access", out var realmAccess)
            && realmAccess.ValueKind == JsonValueKind.Object
            && realmAccess.TryGetProperty("roles", out var roleArray)
            && roleArray.ValueKind == JsonValueKind.Array
                ? roleArray.EnumerateArray().Where(role => role.ValueKind == JsonValueKind.String).Select(role => role.GetString())
                : [];
        return roles.Contains(options.RequiredRole, StringComparer.Ordinal)
            ? AccessDecision.Allowed
            : AccessDecision.Forbidden($"Insufficient permission for {options.RequiredRole} for {userType}");
    }

    private static JsonDocument? Json(string part)
    {
        var bytes = Base64Url.TryDecode(part);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
