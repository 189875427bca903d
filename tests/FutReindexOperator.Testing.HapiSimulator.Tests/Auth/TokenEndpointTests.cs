using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using FutReindexOperator.Testing.HapiSimulator.Tests.Support;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Auth;

/// <summary>The Keycloak-compatible token endpoint and the tokens it issues.</summary>
public sealed class TokenEndpointTests
{
    private const string TokenPath = "auth/realms/ehealth/protocol/openid-connect/token";

    [Test]
    [CancelAfter(30_000)]
    public async Task A_password_grant_issues_a_token_that_the_FHIR_services_accept(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var response = await PostAsync(harness, cancellationToken,
            ("grant_type", "password"), ("client_id", "systematic_admin"), ("username", "reindex-system"), ("password", "reindex-password"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        body["token_type"]!.GetValue<string>().Should().Be("Bearer");
        body["expires_in"]!.GetValue<long>().Should().Be(300);
        body["refresh_expires_in"]!.GetValue<long>().Should().Be(1800);
        body["refresh_token"]!.GetValue<string>().Should().NotBeEmpty();
        using var submitted = await harness.SubmitAsync("organization", Bodies.Urls("Organization?"), cancellationToken, token: body["access_token"]!.GetValue<string>());
        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        harness.Simulator.Controls.Counters.TokensIssued.Should().Be(1);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_client_credentials_grant_issues_a_service_account_token_without_refresh(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var response = await PostAsync(harness, cancellationToken,
            ("grant_type", "client_credentials"), ("client_id", "fut-reindex-operator"), ("client_secret", "operator-secret"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        body["refresh_expires_in"]!.GetValue<long>().Should().Be(0);
        body.AsObject().ContainsKey("refresh_token").Should().BeFalse();
        var claims = Claims(body["access_token"]!.GetValue<string>());
        claims["user_type"]!.GetValue<string>().Should().Be("SYSTEM");
        claims["realm_access"]!["roles"]!.AsArray().Select(role => role!.GetValue<string>()).Should().Contain("$reindex");
        claims["azp"]!.GetValue<string>().Should().Be("fut-reindex-operator");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Client_secrets_are_also_accepted_with_HTTP_Basic(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath)
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("fut-reindex-operator:operator-secret")));

        using var response = await harness.Client.SendAsync(request, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_issued_token_expires_after_the_configured_lifetime(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(options => options.Auth.AccessTokenLifetime = TimeSpan.FromSeconds(30), cancellationToken);
        using var issued = await PostAsync(harness, cancellationToken,
            ("grant_type", "client_credentials"), ("client_id", "fut-reindex-operator"), ("client_secret", "operator-secret"));
        var body = JsonNode.Parse(await issued.Content.ReadAsStringAsync(cancellationToken))!;
        body["expires_in"]!.GetValue<long>().Should().Be(30);
        harness.Clock.Advance(TimeSpan.FromSeconds(30));

        using var response = await harness.SubmitAsync("organization", Bodies.Urls("Organization?"), cancellationToken, token: body["access_token"]!.GetValue<string>());

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_refresh_token_grant_issues_a_new_access_token(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        using var first = await PostAsync(harness, cancellationToken,
            ("grant_type", "password"), ("client_id", "systematic_admin"), ("username", "reindex-system"), ("password", "reindex-password"));
        var refreshToken = JsonNode.Parse(await first.Content.ReadAsStringAsync(cancellationToken))!["refresh_token"]!.GetValue<string>();

        using var response = await PostAsync(harness, cancellationToken, ("grant_type", "refresh_token"), ("client_id", "systematic_admin"), ("refresh_token", refreshToken));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        harness.Simulator.Controls.Counters.TokensIssued.Should().Be(2);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Wrong_user_credentials_get_invalid_grant(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var response = await PostAsync(harness, cancellationToken,
            ("grant_type", "password"), ("client_id", "systematic_admin"), ("username", "reindex-system"), ("password", "wrong"));

        await ShouldBeErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid user credentials", cancellationToken);
    }

    [TestCase("fut-reindex-operator", "wrong")]
    [TestCase("nobody", "operator-secret")]
    [CancelAfter(30_000)]
    public async Task Wrong_client_credentials_get_invalid_client(string clientId, string secret, CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var response = await PostAsync(harness, cancellationToken, ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret));

        await ShouldBeErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", "Invalid client or Invalid client credentials", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_unknown_grant_type_gets_unsupported_grant_type(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var response = await PostAsync(harness, cancellationToken, ("grant_type", "implicit"), ("client_id", "systematic_admin"));

        await ShouldBeErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type", "Unsupported grant_type", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_public_client_cannot_use_client_credentials(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var response = await PostAsync(harness, cancellationToken, ("grant_type", "client_credentials"), ("client_id", "systematic_admin"));

        await ShouldBeErrorAsync(response, HttpStatusCode.Unauthorized, "unauthorized_client", "Public client not allowed to retrieve service account", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_unknown_realm_answers_404(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "password")]);

        using var response = await harness.Client.PostAsync("auth/realms/master/protocol/openid-connect/token", content, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(cancellationToken)).ShouldBeJson("""{"error":"Realm does not exist"}""");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_token_endpoint_outage_answers_503_for_the_next_requests_only(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        harness.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Service = MeshTarget.KeycloakName, Count = 2 });
        (string, string)[] form = [("grant_type", "client_credentials"), ("client_id", "fut-reindex-operator"), ("client_secret", "operator-secret")];

        using var first = await PostAsync(harness, cancellationToken, form);
        using var second = await PostAsync(harness, cancellationToken, form);
        using var third = await PostAsync(harness, cancellationToken, form);

        first.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await second.Content.ReadAsStringAsync(cancellationToken)).Should().Be("no healthy upstream");
        third.StatusCode.Should().Be(HttpStatusCode.OK);
        harness.Simulator.Controls.Counters.TokensIssued.Should().Be(1);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Recorded_token_requests_mask_passwords_and_secrets(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        (await PostAsync(harness, cancellationToken,
            ("grant_type", "password"), ("client_id", "fut-reindex-operator"), ("client_secret", "operator-secret"), ("username", "reindex-system"), ("password", "reindex-password"))).Dispose();

        var recorded = harness.Simulator.Controls.Requests.Single();
        recorded.Target.Should().Be(MeshTarget.KeycloakName);
        recorded.Body.Should().NotContain("reindex-password").And.NotContain("operator-secret").And.Contain("password=***").And.Contain("client_secret=***");
    }

    private static Task<HttpResponseMessage> PostAsync(SimulatorHarness harness, CancellationToken cancellationToken, params (string Name, string Value)[] fields) =>
        harness.Client.PostAsync(TokenPath, new FormUrlEncodedContent(fields.Select(field => KeyValuePair.Create(field.Name, field.Value))), cancellationToken);

    private static JsonNode Claims(string token) =>
        JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]))!;

    private static async Task ShouldBeErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, string description, CancellationToken cancellationToken)
    {
        response.StatusCode.Should().Be(status);
        (await response.Content.ReadAsStringAsync(cancellationToken)).ShouldBeJson(new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString());
    }
}
