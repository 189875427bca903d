using System.Text.Json;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Benchmarks.Reports;

/// <summary>Writes reports as files: Markdown, indented JSON and the SVG charts.</summary>
public static class ReportFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes <c>{name}.md</c>, <c>{name}.json</c>, <c>{name}-rss.svg</c> and <c>{name}-latency.svg</c>; returns the paths.</summary>
    public static IReadOnlyList<string> WriteBench(BenchReport report, string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var results = report.Results.OrderBy(result => result.Jobs).ToList();
        var files = new Dictionary<string, string>
        {
            [$"{name}.md"] = BenchMarkdown.Render(report),
            [$"{name}.json"] = JsonSerializer.Serialize(report, Json),
            [$"{name}-rss.svg"] = SvgLineChart.Render(
                "Operator RSS against job count",
                "ReindexJobs (log scale)",
                "MiB",
                [
                    new ChartSeries("idle RSS", results.Select(result => new ChartPoint(result.Jobs, result.IdleRssMiB)).ToList()),
                    new ChartSeries("peak RSS", results.Select(result => new ChartPoint(result.Jobs, result.PeakRssMiB)).ToList()),
                ],
                [new ChartTarget("96 MiB idle", 96), new ChartTarget("256 MiB peak", 256)],
                Subtitle(report)),
            [$"{name}-latency.svg"] = SvgLineChart.Render(
                "Reconcile time against job count",
                "ReindexJobs (log scale)",
                "milliseconds",
                [
                    new ChartSeries("p50", results.Select(result => new ChartPoint(result.Jobs, Finite(result.ReconcileP50Milliseconds))).ToList()),
                    new ChartSeries("p99", results.Select(result => new ChartPoint(result.Jobs, Finite(result.ReconcileP99Milliseconds))).ToList()),
                ],
                [new ChartTarget("50 ms p99", 50)],
                Subtitle(report)),
        };
        return Write(directory, files);
    }

    /// <summary>Writes <c>{name}.md</c> and <c>{name}.json</c> of a chaos run; returns the paths.</summary>
    public static IReadOnlyList<string> WriteChaos(Chaos.ChaosReport report, string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        return Write(directory, new Dictionary<string, string>
        {
            [$"{name}.md"] = Chaos.ChaosMarkdown.Render(report),
            [$"{name}.json"] = JsonSerializer.Serialize(report, Json),
        });
    }

    private static List<string> Write(string directory, Dictionary<string, string> files)
    {
        var paths = new List<string>();
        foreach (var (file, content) in files)
        {
            var path = Path.Combine(directory, file);
            File.WriteAllText(path, content);
            paths.Add(path);
        }

        return paths;
    }

    private static string Subtitle(BenchReport report) => $"{report.Label} — {report.Machine.CpuModel}, {report.Machine.Cores} cores, {report.Time:yyyy-MM-dd}";

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
