using System.Net.Http.Headers;
using FutReindexOperator.Sandbox.Faults;
using FutReindexOperator.Sandbox.Options;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.KubeApiServer.Auth;
using FutReindexOperator.Testing.KubeApiServer.Hosting;

namespace FutReindexOperator.Sandbox.Tests.Faults;

/// <summary>A fault plan put into running servers.</summary>
public sealed class FaultInjectionTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Chaos_installs_every_simulator_rule_and_fails_the_next_status_write(CancellationToken cancellationToken)
    {
        await using var apiServer = await KubeApiTestServer.StartAsync(new KubeApiServerOptions(), cancellationToken);
        await using var simulator = await HapiFhirSimulator.StartAsync(new HapiSimulatorOptions(), TimeProvider.System, cancellationToken);
        using var client = new HttpClient { BaseAddress = apiServer.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiServer.TokenFor(UserInfo.Admin));
        var plan = FaultPlan.For(FaultProfile.Chaos);

        FaultInjection.Apply(plan, apiServer, simulator);
        using var statusWrite = await client.PatchAsync(
            "apis/fhir.fut.dk/v1alpha1/namespaces/fut/reindexjobs/a/status", new StringContent("{}", System.Text.Encoding.UTF8, "application/merge-patch+json"), cancellationToken);

        simulator.Controls.Faults.Select(active => active.Rule).Should().Equal(plan.SimulatorFaults);
        ((int)statusWrite.StatusCode).Should().Be(429);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_plan_without_watch_drops_returns_at_once(CancellationToken cancellationToken)
    {
        await using var apiServer = await KubeApiTestServer.StartAsync(new KubeApiServerOptions(), cancellationToken);

        var dropping = FaultInjection.DropWatchesAsync(FaultPlan.For(FaultProfile.None), apiServer, TimeProvider.System, cancellationToken);

        dropping.IsCompletedSuccessfully.Should().BeTrue();
        await dropping;
    }
}
