using Hl7.Fhir.Model;

namespace FutReindexOperator.Fhir;

/// <summary>Classifies the answer to <c>GET [base]/$hapi.fhir.reindex-status?_jobId=…</c> (protocol section 3.6).</summary>
public static class StatusAnswerClassifier
{
    private const string FailedPrefix = "job has failed with error:";

    public static PollOutcome Classify(FhirAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var resource = FhirResourceReader.Read(answer);
        var outcome = resource as OperationOutcome;
        var what = SubmitAnswerClassifier.Describe(answer, outcome);
        return (answer.StatusCode, resource) switch
        {
            (202, _) or (200, OperationOutcome) => NotEnded(outcome, what),
            (200, Bundle bundle) => Finished(bundle),
            (200, null) when answer.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true
                => new PollOutcome.Succeeded(ReportReader.Read(answer.Body)),
            (500, OperationOutcome) when what.Contains(FailedPrefix, StringComparison.OrdinalIgnoreCase)
                => new PollOutcome.FailedOrErrored(AfterFailedPrefix(what)),
            (404, OperationOutcome) when what.Contains("HAPI-2787", StringComparison.Ordinal) => new PollOutcome.Lost(what),
            (404, OperationOutcome) => new PollOutcome.StatusUnsupported(what),
            (400, _) when IsUnknownOperation(what) => new PollOutcome.StatusUnsupported(what),
            (400, _) => new PollOutcome.Rejected(400, what),
            (401, _) => new PollOutcome.Unauthorized(what),
            (403, _) => new PollOutcome.Forbidden(what),
            _ => new PollOutcome.Transient($"HTTP {answer.StatusCode}: {what}"),
        };
    }

    private static PollOutcome.Progress NotEnded(OperationOutcome? outcome, string what)
    {
        var text = ServerText.Sanitize(FhirResourceReader.Diagnostics(outcome).FirstOrDefault() ?? what);
        var state = text.Contains("not yet started", StringComparison.OrdinalIgnoreCase) ? ServerJobState.Queued
            : text.Contains("being finalized", StringComparison.OrdinalIgnoreCase) ? ServerJobState.Finalizing
            : ServerJobState.InProgress;
        return new PollOutcome.Progress(state, text);
    }

    /// <summary>
    /// A finished job: the first entry's outcome decides by its first issue's severity (information: success,
    /// warning: cancelled, error or fatal: failed or errored); <c>entry.response.status</c> is not relied on.
    /// </summary>
    private static PollOutcome Finished(Bundle bundle)
    {
        var outcome = bundle.Entry.FirstOrDefault()?.Response?.Outcome as OperationOutcome;
        var firstIssue = outcome?.Issue.FirstOrDefault();
        var text = ServerText.Sanitize(firstIssue?.Diagnostics);
        return firstIssue?.Severity switch
        {
            OperationOutcome.IssueSeverity.Information => new PollOutcome.Succeeded(ReportReader.Read(firstIssue.Diagnostics)),
            OperationOutcome.IssueSeverity.Warning => new PollOutcome.Cancelled(text),
            OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal => new PollOutcome.FailedOrErrored(AfterFailedPrefix(text)),
            _ => new PollOutcome.Transient("a finished-job Bundle without a readable outcome"),
        };
    }

    private static string AfterFailedPrefix(string text)
    {
        var index = text.IndexOf(FailedPrefix, StringComparison.OrdinalIgnoreCase);
        var message = index < 0 ? text : text[(index + FailedPrefix.Length)..].Trim();
        return message.Length > 0 ? message : text;
    }

    private static bool IsUnknownOperation(string diagnostics)
        => diagnostics.Contains("does not know how to handle", StringComparison.OrdinalIgnoreCase)
            && diagnostics.Contains(PollPaths.StatusOperation, StringComparison.Ordinal);
}
