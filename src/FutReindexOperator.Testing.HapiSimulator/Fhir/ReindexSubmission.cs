using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Validation;
using Hl7.Fhir.Model;

namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary><c>POST [base]/$reindex</c> (protocol sections 1, 2, 10.1 to 10.3 and 10.13).</summary>
public static class ReindexSubmission
{
    /// <summary>The diagnostics of the start answer.</summary>
    public static string AcceptedMessage(string pollUrl) => $"$reindex job has been accepted. Poll for status at the following URL: {pollUrl}";

    /// <summary>Generation B's extra issue when the request had no <c>Prefer: respond-async</c>.</summary>
    public const string PreferWarning = "This method should be invoked with the Prefer: respond-async header. Proceeding anyway.";

    public static async System.Threading.Tasks.Task HandleAsync(HttpContext context, string service, SimulatorRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runtime);
        var hapi = runtime.Options.Hapi;
        var cancellationToken = context.RequestAborted;
        var parameters = await OperationParameters.ReadAsync(context.Request, cancellationToken);
        var request = new ReindexRequestValidator(hapi.SupportedResourceTypes).Validate(parameters, out var error)
            ?? throw new BadFhirRequestException(error);
        if (request.Urls.Count == 0 && !hapi.AllowEmptyUrlList)
        {
            throw new BadFhirRequestException(
                "HAPI-2039: Failed to validate parameters for job of type REINDEX: \n * At least one type-specific search URL must be provided for $reindex on this server");
        }

        // HAPI resolves search parameters only when the job runs: the submission is accepted and the job fails.
        var unknownParameter = SearchParameterCheck.FirstUnknown(request.Urls);
        var job = runtime.Jobs.Create(service, request, unknownParameter is null ? null : JobScript.Fails(unknownParameter));

        if (hapi.Generation == HapiGeneration.Legacy)
        {
            var legacy = new Parameters();
            legacy.Add("jobId", new FhirString(job.Id));
            await FhirResponses.WriteResourceAsync(context.Response, hapi.HapiVersion, StatusCodes.Status200OK, legacy, cancellationToken);
            return;
        }

        var pollUrl = ReindexStatus.PollUrl(runtime.Options.PublicBaseUrl(service), job.Id);
        var issues = new List<(OperationOutcome.IssueSeverity, OperationOutcome.IssueType, string)>
        {
            (OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational, AcceptedMessage(pollUrl)),
        };
        var prefersAsync = context.Request.Headers["Prefer"].Any(value => value?.Contains("respond-async", StringComparison.OrdinalIgnoreCase) == true);
        if (hapi.Generation == HapiGeneration.B && !prefersAsync)
        {
            issues.Add((OperationOutcome.IssueSeverity.Warning, OperationOutcome.IssueType.Informational, PreferWarning));
        }

        context.Response.Headers["content-location"] = pollUrl;
        await FhirResponses.WriteResourceAsync(
            context.Response, hapi.HapiVersion, StatusCodes.Status202Accepted, runtime.Outcomes.Outcome([.. issues]), cancellationToken);
    }
}
