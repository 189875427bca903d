using System.Text;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Support;

/// <summary>Reads sample values out of a registry's Prometheus text exposition, as a scraper would see them.</summary>
public static class Metric
{
    public static async Task<string> ScrapeAsync(CollectorRegistry registry, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(buffer, cancellationToken);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The value of the sample written exactly as <paramref name="series"/> (name plus labels), or null.</summary>
    public static double? Value(string exposition, string series)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    public static async Task<double?> ValueAsync(CollectorRegistry registry, string series, CancellationToken cancellationToken) =>
        Value(await ScrapeAsync(registry, cancellationToken), series);
}
