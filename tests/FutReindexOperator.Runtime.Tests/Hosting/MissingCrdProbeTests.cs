using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Runtime.Watching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Hosting;

/// <summary>
/// The probes while one controller's CRD is missing: the process is ready and live (the other controllers work, and a
/// restart would not bring the CRD), and both probes say Degraded and name the controller and the CRD.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class MissingCrdProbeTests
{
    private readonly RuntimeHealth _health = new();
    private readonly RuntimeMetrics _metrics = new(Metrics.NewCustomRegistry());
    private readonly FakeTimeProvider _time = new();
    private WatchHealth _jobs = null!;

    [SetUp]
    public void SetUp()
    {
        _health.Register("reindexjob", () => true);
        _jobs = new WatchHealth("reindexjob", "", TimeSpan.FromMinutes(5), _metrics, _time);
        _health.Register(_jobs);
        var plans = new WatchHealth("reindexplan", "", TimeSpan.FromMinutes(5), _metrics, _time);
        _health.Register("reindexplan", () => false);
        _health.Register(plans);
        plans.RecordCrdMissing("reindexplans.fhir.fut.dk");
    }

    [Test]
    public async Task Readyz_answers_200_Degraded_naming_the_controller_and_its_missing_CRD()
    {
        var (status, body) = await GetAsync("/readyz");

        status.Should().Be(StatusCodes.Status200OK);
        body.Should().StartWith("Degraded\ninformers-synced: Healthy: ")
            .And.Contain("crds-installed: Degraded: ")
            .And.Contain("reindexplan needs reindexplans.fhir.fut.dk");
        _health.IsReady.Should().BeTrue();
    }

    [Test]
    public async Task Healthz_answers_200_Degraded_however_long_the_CRD_stays_missing()
    {
        _time.Advance(TimeSpan.FromHours(1));
        _jobs.RecordActivity();

        var (status, body) = await GetAsync("/healthz");

        status.Should().Be(StatusCodes.Status200OK);
        body.Should().StartWith("Degraded\n").And.Contain("reindexplan needs reindexplans.fhir.fut.dk");
    }

    [Test]
    public async Task A_cache_that_has_not_synced_for_another_reason_still_fails_readiness()
    {
        _health.Register("other", () => false);

        var (status, body) = await GetAsync("/readyz");

        status.Should().Be(StatusCodes.Status503ServiceUnavailable);
        body.Should().StartWith("Unhealthy\n").And.Contain("Caches not yet synced: other.").And.NotContain("Caches not yet synced: reindexplan");
    }

    private async Task<(int Status, string Body)> GetAsync(string path)
    {
        var context = new DefaultHttpContext { Request = { Method = "GET", Path = path }, Response = { Body = new MemoryStream() } };
        await new OperatorEndpoints(_health, _metrics.Registry).ProcessRequestAsync(context);
        return (context.Response.StatusCode, System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }
}
