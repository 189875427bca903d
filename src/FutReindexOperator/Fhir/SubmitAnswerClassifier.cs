using Hl7.Fhir.Model;

namespace FutReindexOperator.Fhir;

/// <summary>Classifies the answer to <c>POST [base]/$reindex</c> (protocol sections 2, 5 and 10).</summary>
public static class SubmitAnswerClassifier
{
    public static SubmitOutcome Classify(FhirAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var resource = FhirResourceReader.Read(answer);
        var outcome = resource as OperationOutcome;
        var what = Describe(answer, outcome);
        return answer.StatusCode switch
        {
            >= 200 and < 300 => Accepted(answer, resource),
            401 => new SubmitOutcome.Unauthorized(what),
            403 => new SubmitOutcome.Forbidden(what),
            429 => new SubmitOutcome.NotSent($"the server or mesh is rate limiting (HTTP 429): {what}"),
            503 when outcome is null && EnvoyReplies.ProvesNotSent(answer) => new SubmitOutcome.NotSent($"the mesh could not reach the server (HTTP 503): {what}"),
            >= 500 => new SubmitOutcome.MaybeSent($"HTTP {answer.StatusCode} after the request was sent: {what}"),
            >= 300 and < 400 => new SubmitOutcome.Rejected(answer.StatusCode, $"the server redirected (HTTP {answer.StatusCode}); redirects are not followed, check target.basePath and target.scheme"),
            404 => new SubmitOutcome.Rejected(404, $"no $reindex operation at this FHIR base (HTTP 404): {what}"),
            _ => new SubmitOutcome.Rejected(answer.StatusCode, what),
        };
    }

    private static SubmitOutcome Accepted(FhirAnswer answer, Resource? resource)
    {
        var serverMessage = resource is OperationOutcome outcome
            ? ServerText.Sanitize(FhirResourceReader.Diagnostics(outcome).FirstOrDefault())
            : "";
        return JobIdExtractor.Extract(answer.ContentLocation, resource) switch
        {
            ({ } jobId, JobIdExtractor.Source.LegacyParameters) => new SubmitOutcome.Accepted(jobId, Trackable: false, serverMessage),
            ({ } jobId, _) => new SubmitOutcome.Accepted(jobId, Trackable: true, serverMessage),
            null => new SubmitOutcome.AcceptedWithoutJobId(
                $"the server accepted the request (HTTP {answer.StatusCode}) but named no job id: {Describe(answer, resource as OperationOutcome)}"),
        };
    }

    /// <summary>The OperationOutcome's diagnostics, else the (bounded) plain text of a proxy reply, else the status code.</summary>
    internal static string Describe(FhirAnswer answer, OperationOutcome? outcome)
    {
        var diagnostics = FhirResourceReader.Describe(outcome);
        if (diagnostics.Length > 0)
        {
            return diagnostics;
        }

        var text = answer.ContentType is null || answer.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)
            ? ServerText.Sanitize(answer.Body, 256)
            : "";
        return text.Length > 0 ? text : $"HTTP {answer.StatusCode} without a FHIR body";
    }
}
