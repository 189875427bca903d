using System.Net;
using System.Text.Json;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;

namespace FutReindexOperator.Auth;

/// <summary>
/// Obtains tokens from an OAuth2 token endpoint such as Keycloak's with a form POST (<c>password</c> or
/// <c>client_credentials</c> grant). Failures become <see cref="CredentialFailure"/>s whose messages name the endpoint
/// and the server's error code, never a credential.
/// </summary>
public sealed class OAuth2TokenClient(HttpClient httpClient, TimeProvider timeProvider)
{
    /// <summary>The lifetime assumed when the endpoint does not state <c>expires_in</c>.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(1);

    public async Task<TokenResult> RequestAsync(Uri tokenUrl, OAuth2Grant grant, OAuth2Credentials credentials, string? scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenUrl);
        ArgumentNullException.ThrowIfNull(credentials);
        var endpoint = tokenUrl.GetLeftPart(UriPartial.Path);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", grant == OAuth2Grant.Password ? "password" : "client_credentials"),
            new("client_id", credentials.ClientId),
        };
        if (credentials.ClientSecret is { } clientSecret)
        {
            form.Add(new("client_secret", clientSecret));
        }

        if (grant == OAuth2Grant.Password)
        {
            form.Add(new("username", credentials.Username ?? ""));
            form.Add(new("password", credentials.Password ?? ""));
        }

        if (!string.IsNullOrWhiteSpace(scope))
        {
            form.Add(new("scope", scope));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/json");
        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? Issued(body, endpoint) : Refused(response.StatusCode, body, endpoint);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TimeoutException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Failure(CredentialProblem.EndpointUnavailable, $"the token endpoint {endpoint} could not be reached: {TransportFailures.Describe(exception)}");
        }
    }

    private TokenResult Issued(string body, string endpoint)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var accessToken) || accessToken.GetString() is not { Length: > 0 } value)
            {
                return Failure(CredentialProblem.EndpointUnavailable, $"the token endpoint {endpoint} answered without an access_token");
            }

            if (BearerTokens.Problem(value) is { } problem)
            {
                return Failure(CredentialProblem.ValueUnusable, $"the token endpoint {endpoint} issued an access_token that cannot be sent as a bearer token: {problem}");
            }

            var lifetime = root.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : DefaultLifetime;
            return new TokenResult.Issued(new AccessToken(value, now, now + lifetime));
        }
        catch (JsonException)
        {
            return Failure(CredentialProblem.EndpointUnavailable, $"the token endpoint {endpoint} answered with something other than JSON");
        }
    }

    private static TokenResult.Failed Refused(HttpStatusCode status, string body, string endpoint)
    {
        var code = (int)status;
        if (code is 429 or >= 500)
        {
            return Failure(CredentialProblem.EndpointUnavailable, $"the token endpoint {endpoint} is unavailable (HTTP {code})");
        }

        var (error, description) = OAuthError(body);
        var detail = error is null ? "" : $": {error}{(description is null ? "" : $" ({description})")}";
        return Failure(CredentialProblem.Refused, $"the token endpoint {endpoint} refused the credentials (HTTP {code}){detail}");
    }

    /// <summary>The RFC 6749 <c>error</c> code and description; both are the server's words, bounded.</summary>
    private static (string? Error, string? Description) OAuthError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var error = root.TryGetProperty("error", out var code) ? ServerText.Sanitize(code.GetString(), 64) : null;
            var description = root.TryGetProperty("error_description", out var text) ? ServerText.Sanitize(text.GetString(), 200) : null;
            return (string.IsNullOrEmpty(error) ? null : error, string.IsNullOrEmpty(description) ? null : description);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static TokenResult.Failed Failure(CredentialProblem problem, string message) => new(new CredentialFailure(problem, message));
}
