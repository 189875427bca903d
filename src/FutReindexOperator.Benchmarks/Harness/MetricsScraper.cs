using FutReindexOperator.Benchmarks.Metrics;

namespace FutReindexOperator.Benchmarks.Harness;

/// <summary>Reads an operator's <c>/metrics</c>.</summary>
public sealed class MetricsScraper(HttpClient http, Uri address)
{
    public async Task<MetricsSnapshot> ScrapeAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var text = await http.GetStringAsync(new Uri(address, "/metrics"), cancellationToken);
        return MetricsSnapshot.Parse(text);
    }
}
