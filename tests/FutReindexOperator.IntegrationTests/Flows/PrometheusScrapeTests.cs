using FutReindexOperator.IntegrationTests.Support;
using FutReindexOperator.Testing.World;

namespace FutReindexOperator.IntegrationTests.Flows;

/// <summary>
/// A real Prometheus scrapes the operator process. What the alerts and the dashboard read from the scrape is specified
/// in-process (FutReindexOperator.Tests, InProcess/PrometheusScrapeTests).
/// </summary>
[Category("E2E")]
public sealed class PrometheusScrapeTests
{
    [Test]
    [CancelAfter(180_000)]
    public async Task Prometheus_scrapes_the_operator_process(CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(cancellationToken);
        await using var prometheus = await PrometheusServer.ScrapeAfterAJobAsync(world, world.OperatorHttpAddress(), cancellationToken);

        var up = await prometheus.QueryAsync($"up{{job=\"{PrometheusServer.Job}\"}}", cancellationToken);

        up.Should().ContainSingle().Which!["value"]![1]!.ToString().Should().Be("1", prometheus.Output);
    }
}
