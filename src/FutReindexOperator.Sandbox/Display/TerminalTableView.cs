namespace FutReindexOperator.Sandbox.Display;

/// <summary>For a terminal: redraws the plans, the jobs' table and the progress line in place with ANSI cursor movement.</summary>
public sealed class TerminalTableView(TextWriter output, Func<int> terminalWidth) : IJobView
{
    private int _linesDrawn;
    private int _frame;

    public void Show(IReadOnlyList<JobRow> rows, int settled, TimeSpan elapsed, IReadOnlyList<PlanRow> plans)
    {
        var width = Math.Max(40, terminalWidth() - 1);
        var progress = ProgressLine.Render(settled, rows.Count, elapsed, _frame++);
        var lines = PlanTable.Render(plans, width).Concat(JobTable.Render(rows, width)).Append("").Append(progress.Length <= width ? progress : progress[..width]).ToList();
        var frame = new System.Text.StringBuilder();
        if (_linesDrawn > 0)
        {
            // Back to the first line of the previous drawing, then clear everything below it.
            frame.Append("\u001b[").Append(_linesDrawn).Append('F');
        }

        frame.Append("\u001b[J");
        foreach (var line in lines)
        {
            frame.Append(line).Append('\n');
        }

        output.Write(frame.ToString());
        output.Flush();
        _linesDrawn = lines.Count;
    }
}
