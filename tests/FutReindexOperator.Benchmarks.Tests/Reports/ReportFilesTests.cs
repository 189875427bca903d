using System.Text.Json;
using FutReindexOperator.Benchmarks.Reports;

namespace FutReindexOperator.Benchmarks.Tests.Reports;

public sealed class ReportFilesTests
{
    [Test]
    public void WriteBench_Report_WritesMarkdownJsonAndBothCharts()
    {
        var directory = Directory.CreateTempSubdirectory("bench-report-").FullName;
        try
        {
            var report = new BenchReport("smoke", DateTimeOffset.UnixEpoch, new MachineInfo("cpu", 2, 1, "Linux", ".NET"), "setup", [BenchMarkdownTests.Result(100), BenchMarkdownTests.Result(1000)]);

            var paths = ReportFiles.WriteBench(report, directory, "bench-smoke");

            paths.Select(Path.GetFileName).Should().BeEquivalentTo("bench-smoke.md", "bench-smoke.json", "bench-smoke-rss.svg", "bench-smoke-latency.svg");
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "bench-smoke.json")));
            json.RootElement.GetProperty("results")[1].GetProperty("jobs").GetInt32().Should().Be(1000);
            File.ReadAllText(Path.Combine(directory, "bench-smoke-rss.svg")).Should().Contain("96 MiB idle");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
