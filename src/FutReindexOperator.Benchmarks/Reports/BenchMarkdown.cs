using System.Globalization;
using System.Text;

namespace FutReindexOperator.Benchmarks.Reports;

/// <summary>Writes a <see cref="BenchReport"/> as Markdown: one column per job count, the targets next to the figures.</summary>
public static class BenchMarkdown
{
    public static string Render(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Operator benchmark — {report.Label}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Measured: {report.Time:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {report.Machine}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Setup: {report.Setup}");
        text.AppendLine();
        var results = report.Results.OrderBy(result => result.Jobs).ToList();
        text.AppendLine("| Figure | " + string.Join(" | ", results.Select(result => $"N = {result.Jobs:#,0}")) + " | Target |");
        text.AppendLine("| --- | " + string.Join(" | ", results.Select(_ => "---:")) + " | --- |");
        Row(text, results, "Targets (Services) / namespaces", result => $"{result.Targets} / {result.Namespaces}");
        Row(text, results, "Start-up to ready (s)", result => F(result.StartupToReadySeconds));
        Row(text, results, "Idle RSS (MiB)", result => F(result.IdleRssMiB), "≤ 96");
        Row(text, results, "Peak RSS sampled / kernel VmHWM (MiB)", result => $"{F(result.PeakRssMiB)} / {F(result.KernelPeakRssMiB)}", "≤ 256 at 10,000");
        Row(text, results, "CPU seconds (create → all terminal)", result => F(result.CpuSeconds));
        Row(text, results, "Create all jobs (s)", result => F(result.CreateSeconds));
        Row(text, results, "All created → all submitted (s)", result => F(result.CreatedToAllSubmittedSeconds));
        Row(text, results, "All created → all terminal (s)", result => F(result.CreatedToAllTerminalSeconds));
        Row(text, results, "Terminal / succeeded jobs", result => $"{result.TerminalJobs} / {result.SucceededJobs}");
        Row(text, results, "Reconciles / per second", result => $"{F(result.Reconciles)} / {F(result.ReconcilesPerSecond)}");
        Row(text, results, "Reconcile time p50 / p99 (ms)", result => $"{F(result.ReconcileP50Milliseconds)} / {F(result.ReconcileP99Milliseconds)}", "p99 ≤ 50 at 1,000");
        Row(text, results, "Queue wait p50 / p99 (ms)", result => $"{F(result.QueueWaitP50Milliseconds)} / {F(result.QueueWaitP99Milliseconds)}");
        Row(text, results, "API writes per job / minimum (ratio)", result => $"{F(result.ApiWritesPerJob)} / {F(result.MinimumApiWritesPerJob)} ({F(result.ApiWritesRatio)})", "ratio ≤ 1.25");
        Row(text, results, "FHIR POSTs per job", result => F(result.PostsPerJob), "1");
        Row(text, results, "FHIR polls per job / minimum (ratio)", result => $"{F(result.PollsPerJob)} / {F(result.MinimumPollsPerJob)} ({F(result.PollsRatio)})", "ratio ≤ 1.2");
        Row(text, results, "Completion detection p50 / max (ms), poll policy's share", result => $"{F(result.CompletionDetectionP50Milliseconds)} / {F(result.CompletionDetectionMaxMilliseconds)}, {F(result.PollPolicyDetectionMilliseconds)}");
        text.AppendLine();
        text.AppendLine("## Kubernetes API requests per job, by verb and resource");
        text.AppendLine();
        var keys = results.SelectMany(result => result.ApiRequestsPerJob.Keys.Concat(result.MinimumApiRequestsPerJob.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        text.AppendLine("| Request | " + string.Join(" | ", results.Select(result => $"N = {result.Jobs:#,0}")) + " | Minimum (decider) |");
        text.AppendLine("| --- | " + string.Join(" | ", results.Select(_ => "---:")) + " | ---: |");
        foreach (var key in keys)
        {
            var minimum = results.Select(result => result.MinimumApiRequestsPerJob.TryGetValue(key, out var value) ? F(value) : null).FirstOrDefault(value => value is not null) ?? "—";
            text.Append("| `").Append(key).Append("` | ").AppendJoin(" | ", results.Select(result => F(result.ApiRequestsPerJob.GetValueOrDefault(key)))).Append(" | ").Append(minimum).AppendLine(" |");
        }

        text.AppendLine();
        text.AppendLine(BenchNotes.HowMeasured);
        return text.ToString();
    }

    private static void Row(StringBuilder text, List<BenchResult> results, string name, Func<BenchResult, string> value, string target = "")
        => text.Append("| ").Append(name).Append(" | ").AppendJoin(" | ", results.Select(value)).Append(" | ").Append(target).AppendLine(" |");

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString(value >= 100 ? "#,0" : "0.###", CultureInfo.InvariantCulture);
}
