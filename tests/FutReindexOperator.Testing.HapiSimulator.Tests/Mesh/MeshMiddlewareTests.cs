using System.Net;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using FutReindexOperator.Testing.HapiSimulator.Tests.Support;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Mesh;

/// <summary>The simulated Istio sidecar: its headers, its own answers and the injected faults.</summary>
public sealed class MeshMiddlewareTests
{
    private static readonly string[] HapiOnlyHeaders = ["x-powered-by", "x-envoy-upstream-service-time", "x-frame-options", "pragma", "expires"];

    [Test]
    [CancelAfter(30_000)]
    public async Task Every_HAPI_answer_carries_the_mesh_and_HAPI_headers(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var response = await harness.PollAsync("organization", "unknown", cancellationToken);

        response.Headers.Server.ToString().Should().Be("istio-envoy");
        response.Headers.GetValues("x-envoy-upstream-service-time").Single().Should().MatchRegex(@"^\d+$");
        response.Headers.GetValues("x-request-id").Single().Should().NotBeEmpty();
        response.Headers.GetValues("x-b3-traceid").Single().Should().MatchRegex("^[0-9a-f]{32}$");
        response.Headers.GetValues("x-powered-by").Single().Should().Be("HAPI FHIR 8.6.5 REST Server (FHIR Server; FHIR 4.0.1/R4)");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_incoming_request_id_is_propagated(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "organization/fhir/$hapi.fhir.reindex-status?_jobId=x");
        request.Headers.Add("x-request-id", "operator-request-1");

        using var response = await harness.SendAsync(request, TestTokens.FutExchange, cancellationToken);

        response.Headers.GetValues("x-request-id").Should().Equal("operator-request-1");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_unknown_service_gets_Envoys_empty_404(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var response = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Post, "patient/fhir/$reindex"), TestTokens.FutExchange, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Headers.Server.ToString().Should().Be("istio-envoy");
        (await response.Content.ReadAsStringAsync(cancellationToken)).Should().BeEmpty();
    }

    [TestCase(EnvoyFault.UpstreamConnectFailure, HttpStatusCode.ServiceUnavailable, "upstream connect error or disconnect/reset before headers. reset reason: connection failure")]
    [TestCase(EnvoyFault.NoHealthyUpstream, HttpStatusCode.ServiceUnavailable, "no healthy upstream")]
    [TestCase(EnvoyFault.UpstreamTimeout, HttpStatusCode.GatewayTimeout, "upstream request timeout")]
    [TestCase(EnvoyFault.RbacDenied, HttpStatusCode.Forbidden, "RBAC: access denied")]
    [TestCase(EnvoyFault.RateLimited, HttpStatusCode.TooManyRequests, "local_rate_limited")]
    [CancelAfter(30_000)]
    public async Task An_Envoy_fault_answers_Envoys_plain_text_and_nothing_reaches_HAPI(EnvoyFault fault, HttpStatusCode status, string body, CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        harness.Simulator.Controls.AddFault(new FaultRule { Fault = fault, Service = "organization", Operation = "$reindex", Count = 1 });

        using var response = await harness.SubmitOrganizationsAsync(cancellationToken);

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync(cancellationToken)).Should().Be(body);
        response.Headers.Server.ToString().Should().Be("istio-envoy");
        HeaderNames(response).Should().NotIntersectWith(HapiOnlyHeaders);
        harness.Simulator.Controls.Jobs().Should().BeEmpty();
        harness.Simulator.Controls.Requests.Single().Fault.Should().Be(fault.ToString());
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_timeout_after_the_upstream_answered_leaves_a_job_behind(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        harness.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.UpstreamTimeout, Operation = "$reindex", Count = 1, AfterUpstream = true });

        using var response = await harness.SubmitOrganizationsAsync(cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        (await response.Content.ReadAsStringAsync(cancellationToken)).Should().Be("upstream request timeout");
        HeaderNames(response).Should().NotIntersectWith(HapiOnlyHeaders);
        response.Content.Headers.Contains("Content-Location").Should().BeFalse();
        harness.Simulator.Controls.Jobs().Should().ContainSingle("HAPI created the job before Envoy gave up");
    }

    [TestCase(false, 0)]
    [TestCase(true, 1)]
    [CancelAfter(30_000)]
    public async Task A_connection_reset_gives_no_answer_and_optionally_leaves_a_job(bool afterUpstream, int jobs, CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        harness.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.ConnectionReset, Operation = "$reindex", Count = 1, AfterUpstream = afterUpstream });

        var submit = () => harness.SubmitOrganizationsAsync(cancellationToken);

        await submit.Should().ThrowAsync<HttpRequestException>();
        harness.Simulator.Controls.Jobs().Should().HaveCount(jobs);
        await Eventually.UntilAsync(() => harness.Simulator.Controls.Requests.Count == 1, cancellationToken);
        harness.Simulator.Controls.Requests.Single().Status.Should().Be(0);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_fault_for_the_next_N_requests_affects_only_those(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        harness.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Service = "organization", Count = 2 });

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await harness.SubmitOrganizationsAsync(cancellationToken);
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted);
        harness.Simulator.Controls.Faults.Single().Remaining.Should().Be(0);
        harness.Simulator.Controls.Counters.Faults.Should().Contain("NoHealthyUpstream", 2);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_fault_for_one_operation_leaves_the_others_alone(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        harness.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.UpstreamConnectFailure, Method = "GET", Operation = "$hapi.fhir.reindex-status" });

        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        using var poll = await harness.PollAsync("organization", jobId, cancellationToken);

        poll.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_probabilistic_fault_is_repeatable_for_a_seed(CancellationToken cancellationToken)
    {
        var first = await OutcomesAsync(seed: 7, cancellationToken);
        var second = await OutcomesAsync(seed: 7, cancellationToken);

        second.Should().Equal(first);
        first.Should().Contain(HttpStatusCode.ServiceUnavailable).And.Contain(HttpStatusCode.NotFound);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Latency_delays_the_answer_on_the_simulators_clock(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        harness.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.Latency, Delay = TimeSpan.FromSeconds(3) });

        var pending = harness.SubmitOrganizationsAsync(cancellationToken);
        await Eventually.UntilAsync(() => harness.Simulator.Controls.Counters.Faults.ContainsKey("Latency"), cancellationToken);
        pending.IsCompleted.Should().BeFalse();
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        using var response = await pending;

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Requests_are_recorded_with_the_authorization_masked(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        (await harness.SubmitOrganizationsAsync(cancellationToken)).Dispose();

        var recorded = harness.Simulator.Controls.Requests.Single();
        recorded.Method.Should().Be("POST");
        recorded.PathAndQuery.Should().Be("/organization/fhir/$reindex");
        recorded.Target.Should().Be("organization");
        recorded.Headers["Authorization"].Should().Be("Bearer ***");
        recorded.Headers["Prefer"].Should().Be("respond-async");
        recorded.Body.Should().Contain("Organization?");
        recorded.Status.Should().Be(202);
        harness.Simulator.Controls.Counters.Requests.Should().Contain("organization", 1);
    }

    private static async Task<List<HttpStatusCode>> OutcomesAsync(int seed, CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(options => options.Seed = seed, cancellationToken);
        harness.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Probability = 0.5 });
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var response = await harness.PollAsync("organization", "unknown", cancellationToken);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static IEnumerable<string> HeaderNames(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers).Select(header => header.Key.ToLowerInvariant());
}
