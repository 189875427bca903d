namespace FutReindexOperator.Sandbox.Display;

/// <summary>The plans above the jobs' table: one line each (PLAN, PHASE, the counts, ELAPSED) and a blank line; nothing without plans.</summary>
public static class PlanTable
{
    /// <summary>One line per plan, in the order given, each cut to <paramref name="maxWidth"/> characters, then a blank line.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<PlanRow> plans, int maxWidth)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var nameWidth = plans.Select(plan => plan.Name.Length).DefaultIfEmpty(0).Max();
        return [.. plans
            .Select(plan => $"PLAN {plan.Name.PadRight(nameWidth)}  {plan.Phase?.ToString() ?? "-",-9}  {plan.CountsText}  {DurationText.Format(plan.Elapsed)}")
            .Select(line => line.Length <= maxWidth ? line : line[..Math.Max(0, maxWidth - 3)] + "...")
            .Concat(plans.Count > 0 ? [""] : [])];
    }
}
