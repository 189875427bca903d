namespace FutReindexOperator.Sandbox.Display;

/// <summary>The jobs as a fixed-width table: NAME, TARGET, PHASE, JOB ID, ELAPSED and the start of the MESSAGE.</summary>
public static class JobTable
{
    private static readonly string[] Headers = ["NAME", "TARGET", "PHASE", "JOB ID", "ELAPSED", "MESSAGE"];

    /// <summary>The header line and one line per row, in the order given, each cut to <paramref name="maxWidth"/> characters.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<JobRow> rows, int maxWidth)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Select(row => new[]
        {
            row.Name, row.Target, row.Phase?.ToString() ?? "-", row.JobId ?? "-", DurationText.Format(row.Elapsed), OneLine(row.Message),
        }).ToList();
        var widths = Headers.Select((header, column) => cells.Select(line => line[column].Length).Append(header.Length).Max()).ToArray();
        return [.. new[] { Headers }.Concat(cells).Select(line => Cut(Line(line, widths), maxWidth))];
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, column) => column == cells.Length - 1 ? cell : cell.PadRight(widths[column]))).TrimEnd();

    private static string OneLine(string? message) => (message ?? "").ReplaceLineEndings(" ");

    private static string Cut(string line, int maxWidth) => line.Length <= maxWidth ? line : line[..Math.Max(0, maxWidth - 3)] + "...";
}
