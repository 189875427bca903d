using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using FutReindexOperator.Testing.HapiSimulator.Tests.Support;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Hosting;

/// <summary>Each service on its own listener at <c>/fhir</c>, as a Kubernetes Service port in front of one FHIR server.</summary>
public sealed class ServiceListenerTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Each_service_gets_its_own_port_serving_it_at_fhir(CancellationToken cancellationToken)
    {
        await using var harness = await StartAsync(cancellationToken);
        var simulator = harness.Simulator;

        simulator.ServiceListenerBase("organization").Should().Be(new Uri($"http://127.0.0.1:{simulator.ServicePort("organization")}/fhir"));
        new[] { simulator.ServicePort("organization"), simulator.ServicePort("task"), simulator.BaseAddress.Port }.Should().OnlyHaveUniqueItems();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_job_submitted_on_the_own_listener_belongs_to_that_service_and_is_seen_on_the_shared_port(CancellationToken cancellationToken)
    {
        await using var harness = await StartAsync(cancellationToken);
        using var client = OwnListenerClient(harness, "task");

        using var submitted = await client.SendAsync(Submission(), cancellationToken);
        var jobId = harness.Simulator.Controls.Jobs("task").Single().Id;
        using var polledOnSharedPort = await harness.PollAsync("task", jobId, cancellationToken);

        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        submitted.Content.Headers.ContentLocation!.ToString().Should().StartWith("https://task.sim.local/fhir/$hapi.fhir.reindex-status?_jobId=");
        polledOnSharedPort.StatusCode.Should().Be(HttpStatusCode.Accepted);
        harness.Simulator.Controls.Jobs("organization").Should().BeEmpty();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_own_listener_gets_the_services_faults_and_is_recorded_under_the_service(CancellationToken cancellationToken)
    {
        await using var harness = await StartAsync(cancellationToken);
        harness.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Service = "task", Count = 1 });
        using var client = OwnListenerClient(harness, "task");

        using var response = await client.SendAsync(Submission(), cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var recorded = harness.Simulator.Controls.Requests.Should().ContainSingle().Subject;
        recorded.Target.Should().Be("task");
        recorded.Fault.Should().Be(nameof(EnvoyFault.NoHealthyUpstream));
    }

    [TestCase("auth/realms/ehealth/protocol/openid-connect/token")]
    [TestCase("_sim/info")]
    [TestCase("organization/fhir/$reindex")]
    [CancelAfter(30_000)]
    public async Task Paths_outside_fhir_on_an_own_listener_get_Envoys_no_route_answer(string path, CancellationToken cancellationToken)
    {
        await using var harness = await StartAsync(cancellationToken);
        using var client = OwnListenerClient(harness, "task");

        using var response = await client.PostAsync(path, new StringContent(""), cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(cancellationToken)).Should().BeEmpty();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Without_the_option_asking_for_a_services_port_is_an_error(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        harness.Invoking(started => started.Simulator.ServicePort("organization"))
            .Should().Throw<InvalidOperationException>().WithMessage("*ServiceListeners*");
    }

    private static Task<SimulatorHarness> StartAsync(CancellationToken cancellationToken) =>
        SimulatorHarness.StartAsync(
            options =>
            {
                options.Services.Add("task");
                options.ServiceListeners = true;
            },
            cancellationToken);

    private static HttpClient OwnListenerClient(SimulatorHarness harness, string service) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{harness.Simulator.ServicePort(service)}/") };

    private static HttpRequestMessage Submission()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "fhir/$reindex")
        {
            Content = new StringContent(Bodies.Urls("Task?"), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.FutExchange);
        request.Headers.Add("Prefer", "respond-async");
        return request;
    }
}
