using System.Net;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Tests.Support;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Fhir;

/// <summary>FUT's authorization in front of the FHIR operations (protocol sections 5.2 and 10.15).</summary>
public sealed class FhirDispatcherTests
{
    [TestCase(null)]
    [TestCase("not-a-jwt")]
    [TestCase("eyJhbGciOiJub25lIn0.%%%.")]
    [CancelAfter(30_000)]
    public async Task No_or_a_garbled_token_answers_401_with_a_bearer_challenge(string? token, CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.SubmitAsync("organization", Bodies.Urls("Organization?"), cancellationToken, token: token);

        await ShouldBeUnauthorizedAsync(response, cancellationToken);
        harness.Simulator.Controls.Jobs().Should().BeEmpty();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_expired_token_answers_401(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var token = TestTokens.AlgNone(expires: harness.Clock.GetUtcNow().AddMinutes(5));
        harness.Clock.Advance(TimeSpan.FromMinutes(5));

        using var response = await harness.PollAsync("organization", "any", cancellationToken, token: token);

        await ShouldBeUnauthorizedAsync(response, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_token_still_valid_on_the_simulators_clock_is_accepted(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var token = TestTokens.AlgNone(expires: harness.Clock.GetUtcNow().AddMinutes(5));
        harness.Clock.Advance(TimeSpan.FromMinutes(4));

        using var response = await harness.SubmitAsync("organization", Bodies.Urls("Organization?"), cancellationToken, token: token);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Unsigned_tokens_are_refused_when_alg_none_is_not_accepted(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options => options.Auth.AcceptAlgNone = false);

        using var response = await harness.SubmitOrganizationsAsync(cancellationToken);

        await ShouldBeUnauthorizedAsync(response, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_token_without_the_reindex_role_answers_403_in_FUTs_wording(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.SubmitAsync("organization", Bodies.Urls("Organization?"), cancellationToken, token: TestTokens.AlgNone(roles: ["$test-only-create"]));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(cancellationToken)).ShouldBeJson("""
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "error", "code": "forbidden", "diagnostics": "Insufficient permission for $reindex for SYSTEM" } ] }
            """);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_token_of_another_user_type_answers_403(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.PollAsync("organization", "any", cancellationToken, token: TestTokens.AlgNone(userType: "PRACTITIONER"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(cancellationToken)).ShouldBeJson("""
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "error", "code": "forbidden", "diagnostics": "Operation not allowed for user type: PRACTITIONER" } ] }
            """);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_service_without_auth_answers_without_a_token(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options =>
        {
            options.Services.Add("task");
            options.Auth.ServicesWithoutAuth.Add("task");
        });

        using var open = await harness.SubmitAsync("task", Bodies.Urls("Task?"), cancellationToken, token: null);
        using var guarded = await harness.SubmitAsync("organization", Bodies.Urls("Organization?"), cancellationToken, token: null);

        open.StatusCode.Should().Be(HttpStatusCode.Accepted);
        guarded.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Auth_can_be_switched_off_for_every_service(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options => options.Auth.RequireToken = false);

        using var response = await harness.SubmitAsync("organization", Bodies.Urls("Organization?"), cancellationToken, token: null);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_unknown_operation_answers_HAPIs_does_not_know_how_to_handle(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "organization/fhir/$export?_type=Patient"), TestTokens.FutExchange, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(cancellationToken)).At("issue", 0, "diagnostics")!.GetValue<string>()
            .Should().Be("Invalid request: The FHIR endpoint on this server does not know how to handle GET operation[$export] with parameters [[_type]]");
    }

    private static Task<SimulatorHarness> PlainAsync(CancellationToken cancellationToken, Action<HapiSimulatorOptions>? configure = null) =>
        SimulatorHarness.StartAsync(
            options =>
            {
                options.Hapi.Narrative = false;
                configure?.Invoke(options);
            },
            cancellationToken);

    private static async Task ShouldBeUnauthorizedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        response.Headers.GetValues("x-powered-by").Should().ContainSingle();
        (await response.Content.ReadAsStringAsync(cancellationToken)).ShouldBeJson("""
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "error", "code": "login", "diagnostics": "Authorization is required for the interaction that was attempted" } ] }
            """);
    }
}
