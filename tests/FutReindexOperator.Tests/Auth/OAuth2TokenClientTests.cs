using System.Net;
using System.Text;
using FutReindexOperator.Auth;
using FutReindexOperator.Model;
using FutReindexOperator.Tests.Fhir;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Tests.Auth;

public sealed class OAuth2TokenClientTests
{
    private static readonly Uri TokenUrl = new("https://keycloak.example/auth/realms/ehealth/protocol/openid-connect/token");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 4, 16, 12, 0, 0, TimeSpan.Zero));

    [Test]
    [CancelAfter(10_000)]
    public async Task RequestAsync_PasswordGrant_PostsTheKeycloakFormAndReadsTheLifetime(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => Json(HttpStatusCode.OK, """{"access_token":"issued","expires_in":300,"token_type":"Bearer"}"""));
        using var httpClient = new HttpClient(handler);

        var result = await new OAuth2TokenClient(httpClient, _time).RequestAsync(TokenUrl, OAuth2Grant.Password, Credentials(OAuth2Grant.Password), "openid", cancellationToken);

        result.Should().Be(new TokenResult.Issued(new AccessToken("issued", _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(5))));
        var (request, body) = handler.Requests.Single();
        request.Method.Should().Be(HttpMethod.Post);
        request.Content!.Headers.ContentType!.MediaType.Should().Be("application/x-www-form-urlencoded");
        body.Should().Be("grant_type=password&client_id=systematic_admin&client_secret=client-secret-value&username=reindex-user&password=p%40ss+word&scope=openid");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RequestAsync_ClientCredentials_SendsNoUsernameOrPassword(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => Json(HttpStatusCode.OK, """{"access_token":"issued"}"""));
        using var httpClient = new HttpClient(handler);

        var result = await new OAuth2TokenClient(httpClient, _time).RequestAsync(TokenUrl, OAuth2Grant.ClientCredentials, Credentials(OAuth2Grant.ClientCredentials), null, cancellationToken);

        result.Should().BeOfType<TokenResult.Issued>().Which.Token.ExpiresAt.Should().Be(_time.GetUtcNow() + OAuth2TokenClient.DefaultLifetime);
        handler.Requests.Single().Body.Should().Be("grant_type=client_credentials&client_id=systematic_admin&client_secret=client-secret-value");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RequestAsync_InvalidGrant_IsRefusedWithTheErrorButNoSecret(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => Json(HttpStatusCode.Unauthorized, """{"error":"invalid_grant","error_description":"Invalid user credentials"}"""));
        using var httpClient = new HttpClient(handler);

        var result = await new OAuth2TokenClient(httpClient, _time).RequestAsync(TokenUrl, OAuth2Grant.Password, Credentials(OAuth2Grant.Password), null, cancellationToken);

        var failure = result.Should().BeOfType<TokenResult.Failed>().Subject.Failure;
        failure.Problem.Should().Be(CredentialProblem.Refused);
        failure.Message.Should().Be($"the token endpoint {TokenUrl} refused the credentials (HTTP 401): invalid_grant (Invalid user credentials)");
        failure.Message.Should().NotContain("p@ss").And.NotContain("client-secret-value");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RequestAsync_ServiceUnavailable_IsTransient(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("no healthy upstream") });
        using var httpClient = new HttpClient(handler);

        var result = await new OAuth2TokenClient(httpClient, _time).RequestAsync(TokenUrl, OAuth2Grant.Password, Credentials(OAuth2Grant.Password), null, cancellationToken);

        result.Should().BeOfType<TokenResult.Failed>().Which.Failure.IsTransient.Should().BeTrue();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RequestAsync_ConnectionRefused_IsTransient(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        using var httpClient = new HttpClient(handler);

        var result = await new OAuth2TokenClient(httpClient, _time).RequestAsync(TokenUrl, OAuth2Grant.Password, Credentials(OAuth2Grant.Password), null, cancellationToken);

        result.Should().BeOfType<TokenResult.Failed>().Which.Failure.Problem.Should().Be(CredentialProblem.EndpointUnavailable);
    }

    internal static OAuth2Credentials Credentials(OAuth2Grant grant)
    {
        var secret = new V1Secret
        {
            Data = new Dictionary<string, byte[]>
            {
                ["client-id"] = Encoding.UTF8.GetBytes("systematic_admin"),
                ["client-secret"] = Encoding.UTF8.GetBytes("client-secret-value"),
                ["username"] = Encoding.UTF8.GetBytes("reindex-user"),
                ["password"] = Encoding.UTF8.GetBytes("p@ss word"),
            },
        };
        return OAuth2Credentials.FromSecret(secret, new OAuth2Auth { TokenUrl = TokenUrl.ToString(), SecretName = "creds", Grant = grant }, "fut").Credentials!;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body)
        => new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
