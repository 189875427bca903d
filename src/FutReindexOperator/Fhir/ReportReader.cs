using System.Globalization;
using System.Text.RegularExpressions;
using FutReindexOperator.Model;

namespace FutReindexOperator.Fhir;

/// <summary>
/// Reads HAPI's report text, which is otherwise opaque: only <c>Total Resources Changed : n</c> is taken, and the text
/// is kept as a bounded summary.
/// </summary>
public static partial class ReportReader
{
    public static ReindexReport Read(string? reportText)
    {
        var match = reportText is null ? Match.Empty : ResourcesChanged().Match(reportText);
        long? changed = match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : null;
        var summary = ServerText.Sanitize(reportText, ReindexReport.MaxSummaryLength);
        return new ReindexReport { ResourcesChanged = changed, Summary = summary.Length > 0 ? summary : null };
    }

    [GeneratedRegex("Total Resources Changed\\s*:\\s*(\\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ResourcesChanged();
}
