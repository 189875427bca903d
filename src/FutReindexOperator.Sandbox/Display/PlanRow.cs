using FutReindexOperator.Model;

namespace FutReindexOperator.Sandbox.Display;

/// <summary>One ReindexPlan as the sandbox shows it.</summary>
/// <param name="Name">The ReindexPlan's name.</param>
/// <param name="Phase">The status phase; null before the operator wrote one.</param>
/// <param name="Counts">The status counts of the current run; null before the run started.</param>
/// <param name="Elapsed">Since the ReindexPlan was created, up to its end.</param>
/// <param name="Message">The status message.</param>
public sealed record PlanRow(string Name, PlanPhase? Phase, PlanCounts? Counts, TimeSpan Elapsed, string? Message)
{
    /// <summary>E.g. <c>12 targets: 3 running, 4 waiting, 5 succeeded, 0 failed</c>; <c>-</c> before the run started.</summary>
    public string CountsText => Counts is { } counts
        ? $"{counts.Targets} targets: {counts.Running} running, {counts.Waiting} waiting, {counts.Succeeded} succeeded, {counts.Failed} failed"
            + (counts.Skipped > 0 ? $", {counts.Skipped} skipped" : "")
        : "-";
}
