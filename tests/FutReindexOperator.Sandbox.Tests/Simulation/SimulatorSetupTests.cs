using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FutReindexOperator.Sandbox.Options;
using FutReindexOperator.Sandbox.Simulation;
using FutReindexOperator.Sandbox.Tests.Support;
using FutReindexOperator.Testing.HapiSimulator.Hosting;

namespace FutReindexOperator.Sandbox.Tests.Simulation;

/// <summary>The simulator a sandbox starts accepts what the unchanged sample Secrets hold.</summary>
public sealed class SimulatorSetupTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task The_sample_user_gets_a_token_that_the_careplan_service_accepts(CancellationToken cancellationToken)
    {
        await using var simulator = await StartAsync(cancellationToken);
        using var client = new HttpClient();

        using var tokenAnswer = await client.PostAsync(simulator.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "example-admin-client",
            ["username"] = "example-reindex-user",
            ["password"] = "not-a-real-password-replace-me",
        }), cancellationToken);
        var token = JsonNode.Parse(await tokenAnswer.Content.ReadAsStringAsync(cancellationToken))!["access_token"]!.GetValue<string>();
        using var submitted = await SubmitAsync(client, simulator.ServiceListenerBase("careplan"), token, cancellationToken);

        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_sample_client_gets_a_token_with_client_credentials(CancellationToken cancellationToken)
    {
        await using var simulator = await StartAsync(cancellationToken);
        using var client = new HttpClient();

        using var tokenAnswer = await client.PostAsync(simulator.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "example-reindex-client",
            ["client_secret"] = "not-a-real-client-secret-replace-me",
        }), cancellationToken);

        tokenAnswer.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_sample_bearer_token_is_accepted_and_terminology_needs_none(CancellationToken cancellationToken)
    {
        await using var simulator = await StartAsync(cancellationToken);
        using var client = new HttpClient();

        using var bearer = await SubmitAsync(client, simulator.ServiceListenerBase("organization"), "not-a-real-token-replace-me", cancellationToken);
        using var none = await SubmitAsync(client, simulator.ServiceListenerBase("terminology"), null, cancellationToken);
        using var refused = await SubmitAsync(client, simulator.ServiceListenerBase("task"), null, cancellationToken);

        bearer.StatusCode.Should().Be(HttpStatusCode.Accepted);
        none.StatusCode.Should().Be(HttpStatusCode.Accepted);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Every_simulated_service_accepts_the_plan_samples_bearer_token(CancellationToken cancellationToken)
    {
        await using var simulator = await StartAsync(cancellationToken);
        using var client = new HttpClient();
        var answers = new List<(string Service, HttpStatusCode Status)>();

        foreach (var service in SimulatedServices.All)
        {
            using var answer = await SubmitAsync(client, simulator.ServiceListenerBase(service), "not-a-real-token-replace-me", cancellationToken);
            answers.Add((service, answer.StatusCode));
        }

        answers.Should().HaveCount(12).And.OnlyContain(answer => answer.Status == HttpStatusCode.Accepted);
    }

    private static Task<HapiFhirSimulator> StartAsync(CancellationToken cancellationToken) =>
        HapiFhirSimulator.StartAsync(SimulatorSetup.Options(SimulatedSpeed.Fast, SampleManifests.OfKind("Secret")), TimeProvider.System, cancellationToken);

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, Uri serviceBase, string? token, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, serviceBase + "/$reindex")
        {
            Content = new StringContent(
                """{"resourceType":"Parameters","parameter":[{"name":"url","valueString":"Organization?"}]}""", System.Text.Encoding.UTF8, "application/fhir+json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request, cancellationToken);
    }
}
