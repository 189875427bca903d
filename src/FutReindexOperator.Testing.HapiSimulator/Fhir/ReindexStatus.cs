using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using Hl7.Fhir.Model;

namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary><c>GET|POST [base]/$hapi.fhir.reindex-status?_jobId=</c> (protocol sections 3.3, 3.4 and 10.4 to 10.12).</summary>
public static class ReindexStatus
{
    public const string OperationName = "$hapi.fhir.reindex-status";
    public const string NotStarted = "$reindex job has not yet started";
    public const string InProgress = "$reindex job has started and is in progress";
    public const string Finalizing = "$reindex job has started and is being finalized";
    public const string Completed = "$reindex job has completed successfully";
    public const string Cancelled = "$reindex job has been cancelled";
    public const string FailedPrefix = "$reindex job has failed with error: ";

    /// <summary>The poll URL HAPI hands out: the job id appended raw, as HAPI does.</summary>
    public static string PollUrl(string publicBase, string jobId) => $"{publicBase}/{OperationName}?_jobId={jobId}";

    public static async System.Threading.Tasks.Task HandleAsync(HttpContext context, string service, SimulatorRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runtime);
        var hapi = runtime.Options.Hapi;
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        var parameters = await OperationParameters.ReadAsync(context.Request, cancellationToken);
        var jobId = parameters["_jobId"].FirstOrDefault(id => !string.IsNullOrWhiteSpace(id))
            ?? throw new BadFhirRequestException("HAPI-1769: Missing job id");
        var job = runtime.Jobs.Poll(service, jobId);
        if (job is null)
        {
            await FhirResponses.WriteResourceAsync(
                response, hapi.HapiVersion, StatusCodes.Status404NotFound, runtime.Outcomes.Error($"HAPI-2787: Invalid/unknown job ID: {jobId}"), cancellationToken);
            return;
        }

        if (job.JobDefinitionId != ReindexJob.ReindexDefinitionId)
        {
            throw new BadFhirRequestException("HAPI-1769: Job ID does not correspond to a $reindex job");
        }

        var wanted = parameters["_return"].FirstOrDefault();
        if (wanted == "dryRunChanges")
        {
            throw new BadFhirRequestException("HAPI-2815: Changes response can only be provided for dryRun jobs");
        }

        var pollUrl = PollUrl(runtime.Options.PublicBaseUrl(service), job.Id);
        var outcomes = runtime.Outcomes;
        switch (job.State)
        {
            case ReindexJobState.Queued:
                await WriteProgressAsync(NotStarted);
                break;
            case ReindexJobState.InProgress:
                await WriteProgressAsync(hapi.Generation == HapiGeneration.B ? $"{InProgress}. Current step: {job.CurrentStep}." : InProgress);
                break;
            case ReindexJobState.Finalize:
                await WriteProgressAsync(Finalizing);
                break;
            case ReindexJobState.Completed when wanted == "report" && job.HasReport:
                if (hapi.Generation != HapiGeneration.B)
                {
                    response.Headers["x-progress"] = Completed;
                }

                await FhirResponses.WriteTextAsync(response, hapi.HapiVersion, StatusCodes.Status200OK, ReindexReport.Render(job, ReportFormat.Source), cancellationToken);
                break;
            case ReindexJobState.Completed:
                var completed = job.HasReport
                    ? outcomes.Outcome(
                        (OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational, ReindexReport.Render(job, hapi.ReportFormat)),
                        (OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational, $"Access raw text report at URL: {pollUrl}&_return=report"))
                    : outcomes.Information(Completed);
                await WriteEndedAsync(Completed, "200 OK", completed);
                break;
            case ReindexJobState.Cancelled:
                await WriteEndedAsync(Cancelled, "200 OK", outcomes.Outcome((OperationOutcome.IssueSeverity.Warning, OperationOutcome.IssueType.Informational, Cancelled)));
                break;
            default:
                var failed = FailedPrefix + job.ErrorMessage;
                var outcome = outcomes.Error(failed);
                if (hapi.FailedHttpStyle == FailedHttpStyle.OperationOutcome500)
                {
                    response.Headers["x-progress"] = failed;
                    await FhirResponses.WriteResourceAsync(response, hapi.HapiVersion, StatusCodes.Status500InternalServerError, outcome, cancellationToken);
                }
                else
                {
                    await WriteEndedAsync(failed, hapi.FailedEntryStatus, outcome);
                }

                break;
        }

        System.Threading.Tasks.Task WriteProgressAsync(string progress)
        {
            response.Headers["x-progress"] = progress;
            return FhirResponses.WriteResourceAsync(response, hapi.HapiVersion, StatusCodes.Status202Accepted, outcomes.Information(progress), cancellationToken);
        }

        System.Threading.Tasks.Task WriteEndedAsync(string progress, string entryStatus, OperationOutcome outcome)
        {
            response.Headers["x-progress"] = progress;
            return FhirResponses.WriteResourceAsync(
                response, hapi.HapiVersion, StatusCodes.Status200OK, Outcomes.BatchResponse(entryStatus, outcome), cancellationToken);
        }
    }
}
