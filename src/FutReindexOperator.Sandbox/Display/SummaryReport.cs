using FutReindexOperator.Sandbox.Expectations;

namespace FutReindexOperator.Sandbox.Display;

/// <summary>The closing summary: one line per job (ok or FAIL, and why) and a verdict line.</summary>
public static class SummaryReport
{
    /// <summary>The lines of the summary; the last is the verdict.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<JobResult> results, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(results);
        var nameWidth = results.Select(result => result.Row.Name.Length).DefaultIfEmpty(0).Max();
        var lines = new List<string> { "Summary:" };
        foreach (var result in results)
        {
            var row = result.Row;
            var phase = row.Phase?.ToString() ?? "no phase";
            var expected = result.Met ? "" : $" (expected {result.Expected})";
            var message = string.IsNullOrEmpty(row.Message) ? "" : $": {row.Message.ReplaceLineEndings(" ")}";
            lines.Add($"  {(result.Met ? "ok  " : "FAIL")}  {row.Name.PadRight(nameWidth)}  {phase}{expected}{message}");
        }

        var missed = results.Count(result => !result.Met);
        lines.Add(missed == 0
            ? $"All {results.Count} jobs reached their expected outcome in {DurationText.Format(elapsed)}."
            : $"{missed} of {results.Count} jobs did not reach their expected outcome in {DurationText.Format(elapsed)}.");
        return lines;
    }
}
