using System.Globalization;
using System.Text;
using FutReindexOperator.Benchmarks.Chaos;
using FutReindexOperator.Benchmarks.Harness;
using FutReindexOperator.Benchmarks.Reports;

namespace FutReindexOperator.Benchmarks.Fuzz;

/// <summary>The settings of a fuzz run.</summary>
/// <param name="Jobs">Schema-generated ReindexJobs to create.</param>
/// <param name="Kills">Operator SIGKILLs, each followed by a restart.</param>
/// <param name="Replicas">1, or 2 under leader election.</param>
/// <param name="Seed">Seed of the jobs, the fault schedule, the reruns and the victims.</param>
/// <param name="Window">The time after the creates over which faults and reruns are spread.</param>
/// <param name="Timeout">The longest the jobs may take to come to rest after the window.</param>
/// <param name="MaxRunningPerTarget">The operator's per-target limit.</param>
/// <param name="World">The targets and namespaces.</param>
public sealed record FuzzSettings(int Jobs, int Kills, int Replicas, int Seed, TimeSpan Window, TimeSpan Timeout, int MaxRunningPerTarget, WorldOptions World);

/// <summary>What a fuzz run did and every violation of I1–I9, I10 and I11 it saw from outside.</summary>
public sealed record FuzzReport
{
    public required string Label { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required MachineInfo Machine { get; init; }

    public required FuzzSettings Settings { get; init; }

    public required IReadOnlyList<ScheduledFault> Faults { get; init; }

    public required int OperatorStarts { get; init; }

    /// <summary>Jobs the API server refused at creation (the generator must only make valid ones: each is a violation).</summary>
    public required int Refused { get; init; }

    public required int Reruns { get; init; }

    public required IReadOnlyDictionary<string, int> Phases { get; init; }

    public required PostAccount Posts { get; init; }

    public required long StatusWrites { get; init; }

    /// <summary>The jobs' status changes a watching client saw, by the status members each changed (<see cref="StatusChangeCensus"/>).</summary>
    public IReadOnlyDictionary<string, long> StatusChanges { get; init; } = new Dictionary<string, long>();

    public required int MaxServerJobsRunningPerService { get; init; }

    /// <summary>Violations per invariant (I1 … I11), each a human-readable line.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Violations { get; init; }

    public required double Seconds { get; init; }

    public bool Passed => Refused == 0 && Violations.Values.All(list => list.Count == 0);
}

/// <summary>Renders a fuzz report as Markdown.</summary>
public static class FuzzMarkdown
{
    public static string Render(FuzzReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Settings;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Fuzz run: {report.Label}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{report.Time:u} on {report.Machine}. Result: **{(report.Passed ? "passed" : "FAILED")}** in {report.Seconds:0} s.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Replay: `dotnet run -c Release --project src/FutReindexOperator.Benchmarks -- fuzz --jobs {s.Jobs} --kills {s.Kills} --replicas {s.Replicas} --seed {s.Seed} --window-seconds {s.Window.TotalSeconds:0} --timeout-minutes {s.Timeout.TotalMinutes:0.#} --max-running {s.MaxRunningPerTarget} --targets {s.World.Targets} --namespaces {s.World.Namespaces}`");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- {s.Jobs} ReindexJobs from the CRD's schema ({report.Refused} refused by the API server), {report.Reruns} reruns requested while runs went on");
        text.AppendLine(CultureInfo.InvariantCulture, $"- {report.Faults.Count} faults ({string.Join(", ", report.Faults.GroupBy(fault => fault.Kind).Select(group => $"{group.Key} ×{group.Count()}"))}), {report.OperatorStarts} operator processes started");
        text.AppendLine(CultureInfo.InvariantCulture, $"- phases: {string.Join(", ", report.Phases.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- server jobs {report.Posts.ServerJobs}: {report.Posts.SinglePostJobs} ReindexJobs posted once, {report.Posts.MarkedDuplicatePossible} marked DuplicatePossible, {report.Posts.OrphanServerJobs} server jobs without a recorded id");
        text.AppendLine(CultureInfo.InvariantCulture, $"- {report.StatusWrites} status writes; at most {report.MaxServerJobsRunningPerService} followed server jobs running at once on one service (limit {s.MaxRunningPerTarget})");
        text.AppendLine();
        text.AppendLine("| invariant | violations | first |");
        text.AppendLine("| --- | ---: | --- |");
        foreach (var (invariant, violations) in report.Violations.OrderBy(pair => int.Parse(pair.Key[1..], CultureInfo.InvariantCulture)))
        {
            var first = violations.Count == 0 ? "" : violations[0].Replace("|", "\\|", StringComparison.Ordinal);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {invariant} | {violations.Count} | {(first.Length > 300 ? first[..300] + "…" : first)} |");
        }

        RenderStatusChanges(report, text);
        return text.ToString();
    }

    private static void RenderStatusChanges(FuzzReport report, StringBuilder text)
    {
        var seen = report.StatusChanges.Values.Sum();
        if (seen == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("## Status changes by the members they changed");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{seen} status changes seen by a watching client (changes during a watch gap count as one), the 10 most frequent sets of members:");
        text.AppendLine();
        text.AppendLine("| status members changed | changes | share |");
        text.AppendLine("| --- | ---: | ---: |");
        foreach (var (members, count) in report.StatusChanges.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(10))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {members} | {count} | {(double)count / seen:P1} |");
        }
    }
}
