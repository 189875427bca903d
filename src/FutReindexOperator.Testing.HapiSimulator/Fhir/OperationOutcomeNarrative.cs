using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>HAPI's generated OperationOutcome narrative, as FUT's 8.6.5 example shows it (protocol section 10).</summary>
public static partial class OperationOutcomeNarrative
{
    /// <summary>
    /// The narrative div: one table row per issue with the upper-case severity, an empty location list and the
    /// HTML-escaped diagnostics, whose whitespace runs the template collapses to one space.
    /// </summary>
    public static string Render(OperationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\"><h1>Operation Outcome</h1><table border=\"0\">");
        foreach (var issue in outcome.Issue)
        {
            var severity = issue.Severity?.GetLiteral()?.ToUpperInvariant() ?? "";
            var diagnostics = WebUtility.HtmlEncode(Whitespace().Replace(issue.Diagnostics ?? "", " "));
            div.Append("<tr><td style=\"font-weight: bold;\">").Append(severity).Append("</td><td>[]</td><td>")
                .Append(diagnostics).Append("</td></tr>");
        }

        return div.Append("</table></div>").ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
