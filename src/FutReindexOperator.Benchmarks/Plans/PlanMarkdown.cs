using System.Globalization;
using System.Text;

namespace FutReindexOperator.Benchmarks.Plans;

/// <summary>Writes a <see cref="PlanReport"/> as Markdown: the invariants, the writes per child next to the standalone job's, the times, the memory.</summary>
public static class PlanMarkdown
{
    public static string Render(PlanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = report.Result;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# ReindexPlan benchmark — {report.Label}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Measured: {report.Time:yyyy-MM-dd HH:mm} UTC");
        var load = report.LoadAverage is { } average ? $"; load averages (1, 5, 15 min) {average}" : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {report.Machine}{load}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Setup: {report.Setup}");
        text.AppendLine();
        text.AppendLine("## Invariants");
        text.AppendLine();
        text.AppendLine("| Figure | Measured | Must be |");
        text.AppendLine("| --- | ---: | --- |");
        Row(text, "Plan phase", result.PlanPhase, "Succeeded");
        Row(text, "Children / distinct Services / succeeded", $"{result.Children} / {result.DistinctServices} / {result.SucceededChildren}", $"{result.Services} each");
        Row(text, "Children not terminal exactly once (or recreated)", result.ChildrenNotTerminalExactlyOnce.Count == 0 ? "none" : string.Join(", ", result.ChildrenNotTerminalExactlyOnce), "none");
        Row(text, "$reindex POSTs per Service (fewest / most)", $"{result.MinPostsPerService} / {result.MaxPostsPerService}", "1 / 1");
        Row(text, "Most children running at a sampled moment", I(result.MaxRunningChildrenSampled), $"≤ {result.MaxConcurrentTargets} (maxConcurrentTargets)");
        Row(text, "Most HAPI jobs of the plan's Services unended at a sampled moment", I(result.MaxRunningHapiJobsSampled), $"≤ {result.MaxConcurrentTargets}");
        Row(text, "Samples (every 100 ms)", I(result.Samples), "");
        text.AppendLine();
        text.AppendLine("## Kubernetes API writes per child, next to one standalone job");
        text.AppendLine();
        text.AppendLine("The standalone job ran first, alone, on its own Service, measured by the same harness against the same operator; its create");
        text.AppendLine("is the user's, a child's the operator's, so both columns bring one ReindexJob from nothing to terminal. Leases left out.");
        text.AppendLine();
        text.AppendLine("| Write | Per child | Standalone job |");
        text.AppendLine("| --- | ---: | ---: |");
        var keys = result.PlanRunWrites.Keys.Union(result.SingleJobWrites.Keys).Order(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            Row(text, $"`{key}`", F(result.PlanRunWrites.GetValueOrDefault(key) / (double)result.Services), I(result.SingleJobWrites.GetValueOrDefault(key)));
        }

        Row(text, "**All writes**", F(result.WritesPerChild), F(result.SingleJobWritesTotal));
        Row(text, "ReindexJob writes (create, status)", F(result.ChildObjectWritesPerChild), F(result.SingleJobObjectWrites));
        Row(text, "Events about the job", F(result.ChildEventsPerChild), F(result.SingleJobEventCount));
        Row(text, "A child's own writes / the job's (ratio)", F((result.ChildObjectWritesPerChild + result.ChildEventsPerChild) / (result.SingleJobObjectWrites + result.SingleJobEventCount)), $"bound {F(PlanBounds.ChildWritesRatio)}");
        Row(text, "ReindexPlan writes (status patches)", F(result.PlanWritesPerChild), "—");
        Row(text, "Events about the plan", F(result.PlanEventsPerChild), "—");
        Row(text, "The plan's own writes per child", F(result.PlanWritesPerChild + result.PlanEventsPerChild), $"bound {F(PlanBounds.PlanWritesPerChild(result.SingleJobStatusPatches))} (the job's status patches + {F(PlanBounds.PlanWritesSlack)})");
        if (result.PlanRunRefusedWrites.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Of those, refused by the API server: " + string.Join(", ", result.PlanRunRefusedWrites.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"`{pair.Key}` × {pair.Value}")) + ".");
        }

        text.AppendLine();
        text.AppendLine("Events by object kind and reason (objects; a repeated event is a patch of its series):");
        text.AppendLine();
        text.AppendLine("| Event | Plan run | Per child | Standalone job |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (key, count) in result.PlanRunEvents.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var reason = key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            var single = key.StartsWith("ReindexJob ", StringComparison.Ordinal) ? I(result.SingleJobEvents.GetValueOrDefault(reason)) : "—";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {count} | {F(count / (double)result.Services)} | {single} |");
        }

        text.AppendLine();
        text.AppendLine("## Times and memory");
        text.AppendLine();
        text.AppendLine("| Figure | Measured |");
        text.AppendLine("| --- | ---: |");
        Row(text, "Start-up to ready (s)", F(result.StartupToReadySeconds));
        Row(text, "Standalone job: create → terminal seen (s)", F(result.SingleJobCreateToTerminalSeconds));
        Row(text, "Plan create → every child terminal seen (s)", F(result.PlanCreateToAllChildrenTerminalSeconds));
        Row(text, "Plan create → Complete condition seen (s)", F(result.PlanCreateToCompleteSeconds));
        Row(text, "Plan status: completionTime − startTime (s)", F(result.PlanStatusRunSeconds));
        Row(text, "Idle RSS (MiB)", F(result.IdleRssMiB));
        Row(text, "Peak RSS sampled during the plan / kernel VmHWM (MiB)", $"{F(result.PeakRssMiB)} / {F(result.KernelPeakRssMiB)}");
        Row(text, "CPU seconds (plan create → Complete)", F(result.CpuSeconds));
        Row(text, "Reconciles (both controllers)", F(result.Reconciles));
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, string value, string? bound = null)
        => text.Append("| ").Append(name).Append(" | ").Append(value).Append(bound is null ? "" : $" | {bound}").AppendLine(" |");

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString(value >= 100 ? "#,0" : "0.##", CultureInfo.InvariantCulture);
}
