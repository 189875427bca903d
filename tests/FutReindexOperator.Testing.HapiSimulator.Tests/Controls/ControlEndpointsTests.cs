using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using FutReindexOperator.Testing.HapiSimulator.Tests.Support;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Controls;

/// <summary>The HTTP control API under <c>/_sim</c> that separate processes drive the simulator with.</summary>
public sealed class ControlEndpointsTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Info_lists_services_base_paths_public_bases_and_the_token_path(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(options => options.Services.Add("careplan"), cancellationToken);

        var info = JsonNode.Parse(await harness.Client.GetStringAsync("_sim/info", cancellationToken))!;

        info["services"]!["careplan"]!["basePath"]!.GetValue<string>().Should().Be("/careplan/fhir");
        info["services"]!["careplan"]!["publicBaseUrl"]!.GetValue<string>().Should().Be("https://careplan.sim.local/fhir");
        info["tokenPath"]!.GetValue<string>().Should().Be("/auth/realms/ehealth/protocol/openid-connect/token");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Jobs_can_be_listed_read_maintained_cancelled_and_purged(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        var id = await harness.SubmitAndGetJobIdAsync(cancellationToken);

        var listed = JsonNode.Parse(await harness.Client.GetStringAsync("_sim/jobs?service=organization", cancellationToken))!.AsArray();
        using var maintenance = await harness.Client.PostAsync("_sim/maintenance", null, cancellationToken);
        var afterPass = JsonNode.Parse(await harness.Client.GetStringAsync($"_sim/jobs/{id}", cancellationToken))!;
        using var cancel = await harness.Client.PostAsync($"_sim/jobs/{id}/cancel", null, cancellationToken);
        (await harness.Client.PostAsync("_sim/maintenance", null, cancellationToken)).Dispose();
        var cancelled = harness.Simulator.Controls.Job(id)!.State;
        using var purge = await harness.Client.DeleteAsync($"_sim/jobs/{id}", cancellationToken);
        using var gone = await harness.Client.GetAsync($"_sim/jobs/{id}", cancellationToken);

        listed.Select(job => job!["id"]!.GetValue<string>()).Should().Equal(id);
        JsonNode.Parse(await maintenance.Content.ReadAsStringAsync(cancellationToken))!["changed"]!.GetValue<int>().Should().Be(1);
        afterPass["state"]!.GetValue<string>().Should().Be("InProgress");
        cancel.StatusCode.Should().Be(HttpStatusCode.OK);
        cancelled.Should().Be(ReindexJobState.Cancelled);
        purge.StatusCode.Should().Be(HttpStatusCode.NoContent);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_service_script_set_over_HTTP_drives_new_jobs(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        const string script = """
            { "phases": [ { "state": "InProgress", "polls": 2 }, { "state": "Failed", "errorMessage": "boom" } ], "resourcesChangedPerType": 3 }
            """;

        using var put = await harness.Client.PutAsync("_sim/services/organization/script", new StringContent(script, Encoding.UTF8, "application/json"), cancellationToken);
        var id = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        (await harness.PollAsync("organization", id, cancellationToken)).Dispose();
        (await harness.PollAsync("organization", id, cancellationToken)).Dispose();

        put.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var job = harness.Simulator.Controls.Job(id)!;
        job.State.Should().Be(ReindexJobState.Failed);
        job.ErrorMessage.Should().Be("boom");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_queued_script_and_job_id_apply_to_the_next_job_only(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        const string script = """{ "phases": [ { "state": "Completed" } ] }""";

        (await harness.Client.PostAsync("_sim/services/organization/scripts", new StringContent(script, Encoding.UTF8, "application/json"), cancellationToken)).Dispose();
        (await harness.Client.PostAsJsonAsync("_sim/job-ids", new { id = "job-1" }, cancellationToken)).Dispose();
        var first = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        var second = await harness.SubmitAndGetJobIdAsync(cancellationToken);

        first.Should().Be("job-1");
        harness.Simulator.Controls.Job(first)!.State.Should().Be(ReindexJobState.Completed);
        harness.Simulator.Controls.Job(second)!.State.Should().Be(ReindexJobState.Queued);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_invalid_script_is_refused_with_the_reason(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        const string script = """{ "phases": [ { "state": "Completed" }, { "state": "Queued" } ] }""";

        using var response = await harness.Client.PutAsync("_sim/services/organization/script", new StringContent(script, Encoding.UTF8, "application/json"), cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(cancellationToken)).Should().Contain("only the last phase may end the job");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_script_for_an_unknown_service_is_refused(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var response = await harness.Client.PutAsync(
            "_sim/services/patient/script", new StringContent("""{ "phases": [ { "state": "Completed" } ] }""", Encoding.UTF8, "application/json"), cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(cancellationToken)).Should().Contain("Service 'patient' is not simulated");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Faults_can_be_added_listed_and_removed_over_HTTP(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var added = await harness.Client.PostAsJsonAsync("_sim/faults", new { fault = "UpstreamTimeout", operation = "$reindex", count = 1, afterUpstream = true }, cancellationToken);
        var faultId = JsonNode.Parse(await added.Content.ReadAsStringAsync(cancellationToken))!["id"]!.GetValue<string>();
        var listed = JsonNode.Parse(await harness.Client.GetStringAsync("_sim/faults", cancellationToken))!.AsArray();
        using var removed = await harness.Client.DeleteAsync($"_sim/faults/{faultId}", cancellationToken);

        added.StatusCode.Should().Be(HttpStatusCode.OK);
        listed.Single()!["rule"]!["fault"]!.GetValue<string>().Should().Be("UpstreamTimeout");
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        harness.Simulator.Controls.Faults.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_invalid_fault_is_refused_with_the_field_named(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var response = await harness.Client.PostAsJsonAsync("_sim/faults", new { fault = "NoHealthyUpstream", probability = 2.0 }, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(cancellationToken)).Should().Contain("Probability must be between 0 and 1");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Requests_and_counters_are_readable_and_control_calls_are_not_recorded(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        var id = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        (await harness.PollAsync("organization", id, cancellationToken)).Dispose();

        var requests = JsonNode.Parse(await harness.Client.GetStringAsync("_sim/requests", cancellationToken))!.AsArray();
        var counters = JsonNode.Parse(await harness.Client.GetStringAsync("_sim/counters", cancellationToken))!;

        requests.Select(request => request!["method"]!.GetValue<string>()).Should().Equal("POST", "GET");
        requests[0]!["headers"]!["Authorization"]!.GetValue<string>().Should().Be("Bearer ***");
        counters["submissions"]!["organization"]!.GetValue<int>().Should().Be(1);
        counters["polls"]![id]!.GetValue<int>().Should().Be(1);
        counters["tokensIssued"]!.GetValue<int>().Should().Be(0);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Reset_forgets_jobs_faults_and_recordings(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.RbacDenied });

        using var response = await harness.Client.PostAsync("_sim/reset", null, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        harness.Simulator.Controls.Jobs().Should().BeEmpty();
        harness.Simulator.Controls.Faults.Should().BeEmpty();
        harness.Simulator.Controls.Requests.Should().BeEmpty();
    }
}
