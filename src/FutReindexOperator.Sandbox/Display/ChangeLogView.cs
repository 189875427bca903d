namespace FutReindexOperator.Sandbox.Display;

/// <summary>
/// For logs and pipes: one line per job whose phase or job id changed, one per plan whose phase or counts changed, and
/// one per change of the settled count.
/// </summary>
public sealed class ChangeLogView(TextWriter output) : IJobView
{
    private readonly Dictionary<string, (string Phase, string? JobId)> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Phase, string Counts)> _seenPlans = new(StringComparer.Ordinal);
    private int _settled = -1;

    public void Show(IReadOnlyList<JobRow> rows, int settled, TimeSpan elapsed, IReadOnlyList<PlanRow> plans)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(plans);
        var stamp = $"[{DurationText.Format(elapsed),7}]";
        foreach (var row in rows)
        {
            var state = (row.Phase?.ToString() ?? "-", row.JobId);
            if (_seen.TryGetValue(row.Name, out var previous) && previous == state)
            {
                continue;
            }

            _seen[row.Name] = state;
            // The operator's messages often name the job id already ("job 7 completed ..."): say it once.
            var jobId = row.JobId is null || row.Message?.Contains(row.JobId, StringComparison.Ordinal) == true ? "" : $" job {row.JobId}";
            var message = string.IsNullOrEmpty(row.Message) ? "" : $": {row.Message.ReplaceLineEndings(" ")}";
            output.WriteLine($"{stamp} {row.Name} ({row.Target}) {state.Item1}{jobId}{message}");
        }

        foreach (var plan in plans)
        {
            var state = (plan.Phase?.ToString() ?? "-", plan.CountsText);
            if (_seenPlans.TryGetValue(plan.Name, out var previous) && previous == state)
            {
                continue;
            }

            _seenPlans[plan.Name] = state;
            // The operator's message of a running plan already counts its children; the counts stand in for a missing one.
            var detail = string.IsNullOrEmpty(plan.Message) ? $" ({state.Item2})" : $": {plan.Message.ReplaceLineEndings(" ")}";
            output.WriteLine($"{stamp} plan {plan.Name} {state.Item1}{detail}");
        }

        if (settled != _settled)
        {
            _settled = settled;
            output.WriteLine($"{stamp} {settled} of {rows.Count} jobs settled");
        }

        output.Flush();
    }
}
