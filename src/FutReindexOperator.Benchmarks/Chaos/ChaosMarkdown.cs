using System.Globalization;
using System.Text;

namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>Writes a <see cref="ChaosReport"/> as Markdown.</summary>
public static class ChaosMarkdown
{
    private const int QuotedViolations = 20;

    public static string Render(ChaosReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var settings = report.Settings;
        text.AppendLine(CultureInfo.InvariantCulture, $"# Chaos run — {report.Label}: {(report.Passed ? "PASSED" : "FAILED")}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Measured: {report.Time:yyyy-MM-dd HH:mm} UTC, {report.Seconds:0} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {report.Machine}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- {settings.Jobs} jobs over {settings.World.Targets} targets ({settings.World.FailingTargets} failing), at most {settings.MaxRunningPerTarget} running per target, {settings.Replicas} replica(s), {settings.Kills} kills, seed {settings.Seed}, faults over {settings.Window.TotalSeconds:0} s, auth {(settings.World.OAuth2 ? "OAuth2 client credentials" : "static bearer token")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Operator processes started: {report.OperatorStarts}; log lines scanned: {report.LogLines}");
        text.AppendLine();
        text.AppendLine("| Check | Result |");
        text.AppendLine("| --- | --- |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Every job ends as the server knows it (no job lost, no wrong outcome) | {Verdict(report.OutcomeViolations)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| One POST per job | {Verdict(report.Posts.Violations)}: {report.Posts.SinglePostJobs} jobs with exactly one; {report.Posts.MarkedDuplicatePossible} marked duplicate-possible (kill between marker and job id, or an ambiguous answer) with {report.Posts.OrphanServerJobs} extra server job(s); {report.Posts.ServerJobs} server jobs in all |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Kills between marker and job id (counted separately) | {report.KilledBetweenMarkerAndJobId.Count}{(report.KilledBetweenMarkerAndJobId.Count > 0 ? ": " + string.Join(", ", report.KilledBetweenMarkerAndJobId) : "")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| No secret in any log line | {Verdict(report.SecretLeaks)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Memory bounded (≤ {settings.MemoryLimitMiB:0} MiB) | {Verdict(report.MemoryViolations)}: peak {report.PeakRssMiB:0.#} MiB |");
        text.AppendLine();
        text.AppendLine("## Final phases");
        text.AppendLine();
        foreach (var (phase, count) in report.Phases.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {phase}: {count}");
        }

        text.AppendLine();
        text.AppendLine("## Faults injected (seconds after the creates)");
        text.AppendLine();
        foreach (var fault in report.Faults)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {fault.At.TotalSeconds:0.0} s: {fault.Kind}");
        }

        var violations = report.OutcomeViolations.Concat(report.Posts.Violations).Concat(report.SecretLeaks).Concat(report.MemoryViolations).ToList();
        if (violations.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"## Violations ({violations.Count}, first {Math.Min(QuotedViolations, violations.Count)})");
            text.AppendLine();
            foreach (var violation in violations.Take(QuotedViolations))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {violation}");
            }
        }

        return text.ToString();
    }

    private static string Verdict(IReadOnlyList<string> violations) => violations.Count == 0 ? "pass" : $"FAIL ({violations.Count})";
}
