using System.Net.Http.Headers;
using System.Text;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Support;

/// <summary>A simulator on a fake clock with manual maintenance, and a client that speaks to it like HAPI's client.</summary>
public sealed class SimulatorHarness : IAsyncDisposable
{
    /// <summary>The instant FUT's captured exchange was submitted.</summary>
    public static readonly DateTimeOffset ExchangeSubmittedAt = new(2026, 4, 16, 11, 27, 1, TimeSpan.Zero);

    private SimulatorHarness(HapiFhirSimulator simulator, FakeTimeProvider clock)
    {
        Simulator = simulator;
        Clock = clock;
        Client = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    public HapiFhirSimulator Simulator { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client { get; }

    /// <summary>Starts a simulator; <paramref name="configure"/> adjusts the options (automatic maintenance is off).</summary>
    public static async Task<SimulatorHarness> StartAsync(Action<HapiSimulatorOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new HapiSimulatorOptions { AutomaticMaintenance = false };
        configure?.Invoke(options);
        var clock = new FakeTimeProvider(ExchangeSubmittedAt);
        var simulator = await HapiFhirSimulator.StartAsync(options, clock, cancellationToken);
        return new SimulatorHarness(simulator, clock);
    }

    /// <summary>POST [base]/$reindex with <paramref name="body"/>, a bearer token (FUT's by default) and HAPI client headers.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string service, string body, CancellationToken cancellationToken, string? token = TestTokens.FutExchange, bool preferAsync = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{service}/fhir/$reindex")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/fhir+json"),
        };
        if (preferAsync)
        {
            request.Headers.Add("Prefer", "respond-async");
        }

        return SendAsync(request, token, cancellationToken);
    }

    /// <summary>POST [base]/$reindex for <c>Organization?</c>.</summary>
    public Task<HttpResponseMessage> SubmitOrganizationsAsync(CancellationToken cancellationToken, string service = "organization") =>
        SubmitAsync(service, Bodies.Urls("Organization?"), cancellationToken);

    /// <summary>GET [base]/$hapi.fhir.reindex-status?_jobId=...</summary>
    public Task<HttpResponseMessage> PollAsync(string service, string jobId, CancellationToken cancellationToken, string? extraQuery = null, string? token = TestTokens.FutExchange) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{service}/fhir/$hapi.fhir.reindex-status?_jobId={jobId}{extraQuery}"), token, cancellationToken);

    /// <summary>Sends with the bearer token (none when null) and HAPI's Accept header.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.Accept.ParseAdd("application/fhir+json;q=1.0, application/json+fhir;q=0.9");
        return Client.SendAsync(request, cancellationToken);
    }

    /// <summary>Submits <c>Organization?</c> and returns the job id the simulator created.</summary>
    public async Task<string> SubmitAndGetJobIdAsync(CancellationToken cancellationToken, string service = "organization")
    {
        using var response = await SubmitOrganizationsAsync(cancellationToken, service);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);
        return Simulator.Controls.Jobs(service)[^1].Id;
    }

    /// <summary>Runs maintenance passes until the job shows <paramref name="state"/> (at most 10 passes).</summary>
    public void MaintainUntil(string jobId, ReindexJobState state)
    {
        for (var pass = 0; pass < 10 && Simulator.Controls.Job(jobId)!.State != state; pass++)
        {
            Simulator.Controls.RunMaintenance();
        }

        Simulator.Controls.Job(jobId)!.State.Should().Be(state);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Simulator.DisposeAsync();
    }
}
