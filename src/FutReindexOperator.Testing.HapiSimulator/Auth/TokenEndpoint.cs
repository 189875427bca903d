using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.HapiSimulator.Hosting;

namespace FutReindexOperator.Testing.HapiSimulator.Auth;

/// <summary>
/// Keycloak's <c>POST /auth/realms/{realm}/protocol/openid-connect/token</c>: form-encoded <c>password</c>,
/// <c>client_credentials</c> and <c>refresh_token</c> grants, client secrets in the form or HTTP Basic, and
/// Keycloak's JSON errors.
/// </summary>
public static class TokenEndpoint
{
    /// <summary>The path template the endpoint is mapped to.</summary>
    public const string Route = "/auth/realms/{realm}/protocol/openid-connect/token";

    public static async Task HandleAsync(HttpContext context, string realm, SimulatorRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runtime);
        var auth = runtime.Options.Auth;
        var response = context.Response;
        ApplyKeycloakHeaders(response);
        if (realm != auth.Realm)
        {
            await WriteAsync(response, StatusCodes.Status404NotFound, new JsonObject { ["error"] = "Realm does not exist" });
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(response, StatusCodes.Status400BadRequest, "invalid_request", "Missing form parameter: grant_type");
            return;
        }

        context.Request.Body.Position = 0;
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            await ErrorAsync(response, StatusCodes.Status400BadRequest, "invalid_request", "Missing form parameter: grant_type");
            return;
        }

        var (clientId, secret) = ClientCredentials(context.Request, form);
        var client = auth.Clients.FirstOrDefault(candidate => candidate.ClientId == clientId);
        if (client is null || (client.Secret is not null && !SecretsEqual(client.Secret, secret)))
        {
            await ErrorAsync(response, StatusCodes.Status401Unauthorized, "invalid_client", "Invalid client or Invalid client credentials");
            return;
        }

        switch (grantType)
        {
            case "password":
                var user = auth.Users.FirstOrDefault(candidate => candidate.Username == form["username"].ToString());
                if (user is null || !SecretsEqual(user.Password, form["password"].ToString()))
                {
                    await ErrorAsync(response, StatusCodes.Status401Unauthorized, "invalid_grant", "Invalid user credentials");
                    return;
                }

                var userId = user.UserId ?? StableId(user.Username);
                await IssueAsync(new TokenPrincipal(client.ClientId, userId, user.Username, [.. user.Roles], user.UserType), withRefresh: true);
                return;
            case "client_credentials":
                if (client.Secret is null)
                {
                    await ErrorAsync(response, StatusCodes.Status401Unauthorized, "unauthorized_client", "Public client not allowed to retrieve service account");
                    return;
                }

                if (!client.ServiceAccountEnabled)
                {
                    await ErrorAsync(response, StatusCodes.Status401Unauthorized, "unauthorized_client", "Client not enabled to retrieve service account");
                    return;
                }

                var serviceAccountId = StableId("service-account-" + client.ClientId);
                await IssueAsync(new TokenPrincipal(client.ClientId, serviceAccountId, "service-account-" + client.ClientId, [.. client.Roles], client.UserType), withRefresh: false);
                return;
            case "refresh_token":
                var principal = runtime.Tokens.Redeem(form["refresh_token"].ToString());
                if (principal is null || principal.ClientId != client.ClientId)
                {
                    await ErrorAsync(response, StatusCodes.Status400BadRequest, "invalid_grant", "Invalid refresh token");
                    return;
                }

                await IssueAsync(principal, withRefresh: true);
                return;
            default:
                await ErrorAsync(response, StatusCodes.Status400BadRequest, "unsupported_grant_type", "Unsupported grant_type");
                return;
        }

        Task IssueAsync(TokenPrincipal principal, bool withRefresh)
        {
            var answer = new JsonObject
            {
                ["access_token"] = runtime.Tokens.IssueAccessToken(principal),
                ["expires_in"] = (long)auth.AccessTokenLifetime.TotalSeconds,
                ["refresh_expires_in"] = withRefresh ? (long)auth.RefreshTokenLifetime.TotalSeconds : 0,
            };
            if (withRefresh)
            {
                answer["refresh_token"] = runtime.Tokens.IssueRefreshToken(principal);
            }

            answer["token_type"] = "Bearer";
            answer["not-before-policy"] = 0;
            if (withRefresh)
            {
                answer["session_state"] = Guid.NewGuid().ToString();
            }

            answer["scope"] = "profile email";
            return WriteAsync(response, StatusCodes.Status200OK, answer);
        }
    }

    private static (string ClientId, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is not null)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return ("", null);
            }
        }

        var secret = form["client_secret"].ToString();
        return (form["client_id"].ToString(), secret.Length == 0 ? null : secret);
    }

    private static string StableId(string name) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToString();

    private static bool SecretsEqual(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private static void ApplyKeycloakHeaders(HttpResponse response)
    {
        response.Headers["cache-control"] = "no-store";
        response.Headers["pragma"] = "no-cache";
        response.Headers["referrer-policy"] = "no-referrer";
        response.Headers["x-content-type-options"] = "nosniff";
        response.Headers["x-frame-options"] = "SAMEORIGIN";
        response.Headers["x-xss-protection"] = "1; mode=block";
    }

    private static Task ErrorAsync(HttpResponse response, int status, string error, string description) =>
        WriteAsync(response, status, new JsonObject { ["error"] = error, ["error_description"] = description });

    private static async Task WriteAsync(HttpResponse response, int status, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        response.StatusCode = status;
        response.Headers["content-type"] = "application/json";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes);
    }
}
