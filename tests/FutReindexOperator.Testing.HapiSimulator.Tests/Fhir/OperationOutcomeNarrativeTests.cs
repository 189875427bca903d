using FutReindexOperator.Testing.HapiSimulator.Fhir;
using Hl7.Fhir.Model;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Fhir;

public sealed class OperationOutcomeNarrativeTests
{
    [Test]
    public void Render_Issues_OneRowEachWithEscapedCollapsedDiagnostics()
    {
        var outcome = new OperationOutcome
        {
            Issue =
            [
                new() { Severity = OperationOutcome.IssueSeverity.Warning, Diagnostics = "a  <b>\n & c" },
                new() { Severity = OperationOutcome.IssueSeverity.Error, Diagnostics = "x" },
            ],
        };

        var div = OperationOutcomeNarrative.Render(outcome);

        div.Should().Be(
            "<div xmlns=\"http://www.w3.org/1999/xhtml\"><h1>Operation Outcome</h1><table border=\"0\">"
            + "<tr><td style=\"font-weight: bold;\">WARNING</td><td>[]</td><td>a &lt;b&gt; &amp; c</td></tr>"
            + "<tr><td style=\"font-weight: bold;\">ERROR</td><td>[]</td><td>x</td></tr></table></div>");
    }
}
