using Hl7.Fhir.Model;

namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>Builds the OperationOutcomes and Bundles HAPI answers with.</summary>
public sealed class Outcomes(HapiBehaviourOptions behaviour)
{
    /// <summary>An OperationOutcome with one issue per (severity, code, diagnostics), with a narrative when configured.</summary>
    public OperationOutcome Outcome(params (OperationOutcome.IssueSeverity Severity, OperationOutcome.IssueType Code, string Diagnostics)[] issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var outcome = new OperationOutcome
        {
            Issue = [.. issues.Select(issue => new OperationOutcome.IssueComponent
            {
                Severity = issue.Severity,
                Code = issue.Code,
                Diagnostics = issue.Diagnostics,
            })],
        };
        if (behaviour.Narrative)
        {
            outcome.Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = OperationOutcomeNarrative.Render(outcome) };
        }

        return outcome;
    }

    /// <summary>One information/informational issue.</summary>
    public OperationOutcome Information(string diagnostics) =>
        Outcome((OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational, diagnostics));

    /// <summary>One error/processing issue: HAPI's form for every exception.</summary>
    public OperationOutcome Error(string diagnostics) =>
        Outcome((OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Processing, diagnostics));

    /// <summary>A <c>batch-response</c> Bundle with one entry carrying <paramref name="outcome"/>.</summary>
    public static Bundle BatchResponse(string entryStatus, OperationOutcome outcome) => new()
    {
        Type = Bundle.BundleType.BatchResponse,
        Entry =
        [
            new Bundle.EntryComponent
            {
                Response = new Bundle.ResponseComponent { Status = entryStatus, Outcome = outcome },
            },
        ],
    };
}
