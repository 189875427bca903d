using System.Globalization;
using System.Text;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>The text of a completed job's report (protocol sections 3.5, 10.7 and 10.8).</summary>
public static class ReindexReport
{
    private const string Rule = "-------------------------------------------------";

    /// <summary>The report in <paramref name="format"/>.</summary>
    public static string Render(JobSnapshot job, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(job);
        var start = job.StartedAt ?? job.CreatedAt;
        var duration = (job.EndedAt ?? start) - start;
        var changed = job.ResourcesChanged.Values.Sum();
        var types = job.ResourcesChanged.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var report = new StringBuilder();
        if (format == ReportFormat.FutExample)
        {
            report.Append("Reindex (v3) Report").Append(Rule)
                .Append("Start Time                : ").Append(start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture))
                .Append("Duration                  : ").Append(FormatDuration(duration))
                .Append("Total Resources Changed   : ").Append(Counted(changed, duration))
                .Append(Rule);
            foreach (var (type, count) in types)
            {
                report.Append(CultureInfo.InvariantCulture, $"ResourceType[{type}]    Changed   : {count}");
            }

            return report.Append(Rule).ToString();
        }

        report.Append("Reindex (v3) Report\n").Append(Rule).Append('\n')
            .Append("Start Time                : ").Append(JavaDate(start)).Append('\n')
            .Append("Duration                  : ").Append(FormatDuration(duration)).Append('\n')
            .Append("Total Resources Changed   : ").Append(Counted(changed, duration)).Append('\n')
            .Append("Total Resources Unchanged : ").Append(Counted(0, duration)).Append('\n')
            .Append("Total Failed Changes      : ").Append(Counted(0, duration)).Append('\n')
            .Append("Total Retried Chunks      : 0\n")
            .Append("Total Retried Resources   : 0\n")
            .Append(Rule).Append('\n');
        foreach (var (type, count) in types)
        {
            report.Append(CultureInfo.InvariantCulture, $"ResourceType[{type}]\n    Changed   : {count}\n");
        }

        return report.Append(Rule).Append('\n').ToString();
    }

    private static string Counted(int count, TimeSpan duration)
    {
        var perSecond = (long)Math.Floor(count / Math.Max(duration.TotalSeconds, 1));
        return string.Create(CultureInfo.InvariantCulture, $"{count} ({perSecond}/sec)");
    }

    // HAPI's StopWatch shows HH:mm:ss and adds milliseconds only when there are some.
    private static string FormatDuration(TimeSpan duration)
    {
        var whole = string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours:00}:{duration.Minutes:00}:{duration.Seconds:00}");
        return duration.Milliseconds == 0 ? whole : string.Create(CultureInfo.InvariantCulture, $"{whole}.{duration.Milliseconds:000}");
    }

    // java.util.Date.toString() on a UTC server: "Thu Apr 16 11:27:04 UTC 2026".
    private static string JavaDate(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
}
