using System.Globalization;
using FutReindexOperator.Sandbox.Expectations;

namespace FutReindexOperator.Sandbox.Display;

/// <summary>The closing summary: one line per job and per plan (ok or FAIL, and why) and a verdict line.</summary>
public static class SummaryReport
{
    /// <summary>The lines of the summary; the last is the verdict. A plan's children are among <paramref name="results"/>.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<JobResult> results, IReadOnlyList<PlanResult> plans, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(plans);
        var nameWidth = results.Select(result => result.Row.Name.Length).Concat(plans.Select(plan => plan.Row.Name.Length)).DefaultIfEmpty(0).Max();
        var lines = new List<string> { "Summary:" };
        foreach (var result in results)
        {
            var row = result.Row;
            var phase = row.Phase?.ToString() ?? "no phase";
            var expected = result.Met ? "" : $" (expected {result.Expected})";
            lines.Add($"  {Mark(result.Met)}  {row.Name.PadRight(nameWidth)}  {phase}{expected}{Message(row.Message)}");
        }

        foreach (var plan in plans)
        {
            var row = plan.Row;
            var expected = plan.Met ? "" : " (expected Succeeded)";
            lines.Add($"  {Mark(plan.Met)}  {row.Name.PadRight(nameWidth)}  plan {row.Phase?.ToString() ?? "no phase"}{expected} ({row.CountsText}){Message(row.Message)}");
        }

        var missed = results.Count(result => !result.Met) + plans.Count(plan => !plan.Met);
        var what = plans.Count == 0
            ? $"{results.Count} jobs"
            : string.Create(CultureInfo.InvariantCulture, $"{results.Count} jobs and {plans.Count} {(plans.Count == 1 ? "plan" : "plans")}");
        lines.Add(missed == 0
            ? $"All {what} reached their expected outcome in {DurationText.Format(elapsed)}."
            : $"{missed} of {what} did not reach their expected outcome in {DurationText.Format(elapsed)}.");
        return lines;
    }

    private static string Mark(bool met) => met ? "ok  " : "FAIL";

    private static string Message(string? message) => string.IsNullOrEmpty(message) ? "" : $": {message.ReplaceLineEndings(" ")}";
}
