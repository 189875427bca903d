using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Jobs;

/// <summary>Automatic maintenance passes on the simulator's clock.</summary>
public sealed class MaintenanceServiceTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Jobs_change_state_only_when_a_maintenance_interval_has_passed(CancellationToken cancellationToken)
    {
        var clock = new FakeTimeProvider(SimulatorHarness.ExchangeSubmittedAt);
        await using var simulator = await HapiFhirSimulator.StartAsync(new HapiSimulatorOptions(), clock, cancellationToken);
        simulator.Controls.SetServiceScript("organization", JobScript.Completes());
        using var client = new HttpClient { BaseAddress = simulator.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.FutExchange);
        using var content = new StringContent(Bodies.Urls("Organization?"), System.Text.Encoding.UTF8, "application/fhir+json");
        (await client.PostAsync("organization/fhir/$reindex", content, cancellationToken)).Dispose();
        var id = simulator.Controls.Jobs().Single().Id;

        clock.Advance(TimeSpan.FromSeconds(59));
        var beforeInterval = simulator.Controls.Job(id)!.State;
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterOneInterval = simulator.Controls.Job(id)!.State;
        clock.Advance(TimeSpan.FromSeconds(120));

        beforeInterval.Should().Be(ReindexJobState.Queued);
        afterOneInterval.Should().Be(ReindexJobState.InProgress);
        simulator.Controls.Job(id)!.State.Should().Be(ReindexJobState.Completed);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task On_the_real_clock_a_short_interval_runs_a_job_to_completion(CancellationToken cancellationToken)
    {
        var options = new HapiSimulatorOptions { MaintenanceInterval = TimeSpan.FromMilliseconds(20) };
        options.Auth.RequireToken = false;
        await using var simulator = await HapiFhirSimulator.StartAsync(options, TimeProvider.System, cancellationToken);
        simulator.Controls.SetServiceScript("organization", JobScript.Completes(inProgressFor: TimeSpan.FromMilliseconds(50)));
        using var client = new HttpClient { BaseAddress = simulator.BaseAddress };
        using var content = new StringContent(Bodies.Urls("Organization?"), System.Text.Encoding.UTF8, "application/fhir+json");
        (await client.PostAsync("organization/fhir/$reindex", content, cancellationToken)).Dispose();
        var id = simulator.Controls.Jobs().Single().Id;

        await Eventually.UntilAsync(() => simulator.Controls.Job(id)!.State == ReindexJobState.Completed, cancellationToken);

        var job = simulator.Controls.Job(id)!;
        (job.EndedAt - job.StartedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Without_automatic_maintenance_jobs_wait_for_the_control(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        var id = await harness.SubmitAndGetJobIdAsync(cancellationToken);

        harness.Clock.Advance(TimeSpan.FromHours(1));

        harness.Simulator.Controls.Job(id)!.State.Should().Be(ReindexJobState.Queued);
        harness.Simulator.Controls.RunMaintenance().Should().Be(1);
        harness.Simulator.Controls.Job(id)!.State.Should().Be(ReindexJobState.InProgress);
    }
}
