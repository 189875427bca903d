using System.Text;

namespace FutReindexOperator.Sandbox.Display;

/// <summary>The progress indicator under the table: a spinner, the settled count, a bar and the elapsed time.</summary>
public static class ProgressLine
{
    private const int BarWidth = 24;
    private static readonly char[] Spinner = ['|', '/', '-', '\\'];

    /// <summary>E.g. <c>/ 3 of 6 jobs settled [############------------] 12.4s</c>; <paramref name="frame"/> turns the spinner.</summary>
    public static string Render(int settled, int total, TimeSpan elapsed, int frame)
    {
        var filled = total == 0 ? BarWidth : settled * BarWidth / total;
        return new StringBuilder()
            .Append(Spinner[Math.Abs(frame % Spinner.Length)])
            .Append(' ').Append(settled).Append(" of ").Append(total).Append(" jobs settled [")
            .Append('#', filled).Append('-', BarWidth - filled).Append("] ")
            .Append(DurationText.Format(elapsed))
            .ToString();
    }
}
