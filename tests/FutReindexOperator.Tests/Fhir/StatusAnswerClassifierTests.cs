using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using static FutReindexOperator.Tests.Fhir.HapiPayloads;

namespace FutReindexOperator.Tests.Fhir;

public sealed class StatusAnswerClassifierTests
{
    private const string FhirJson = "application/fhir+json";
    private const string PlainText = "text/plain";
    private const string HapiFailure = "HAPI-2790: Reindex (v3) had 3 failure(s). See report for details.";

    private static IEnumerable<TestCaseData> Answers()
    {
        yield return Case("Classify_202 not yet started_Queued",
            new FhirAnswer(202, FhirJson, null, Queued),
            new PollOutcome.Progress(ServerJobState.Queued, "$reindex job has not yet started"));
        yield return Case("Classify_202 Gen A in progress_InProgress",
            new FhirAnswer(202, FhirJson, null, InProgressGenA),
            new PollOutcome.Progress(ServerJobState.InProgress, "$reindex job has started and is in progress"));
        yield return Case("Classify_202 Gen B in progress with step_InProgressWithTheStep",
            new FhirAnswer(202, FhirJson, null, InProgressGenB),
            new PollOutcome.Progress(ServerJobState.InProgress, "$reindex job has started and is in progress. Current step: load-ids."));
        yield return Case("Classify_202 being finalized_Finalizing",
            new FhirAnswer(202, FhirJson, null, Finalizing),
            new PollOutcome.Progress(ServerJobState.Finalizing, "$reindex job has started and is being finalized"));
        yield return Case("Classify_200 OperationOutcome_TreatedAsProgress",
            new FhirAnswer(200, FhirJson, null, InProgressGenA),
            new PollOutcome.Progress(ServerJobState.InProgress, "$reindex job has started and is in progress"));
        yield return Case("Classify_200 Bundle information with report_SucceededWithCount",
            new FhirAnswer(200, FhirJson, null, Completed),
            new PollOutcome.Succeeded(new ReindexReport
            {
                ResourcesChanged = 32,
                Summary = "Reindex (v3) Report-------------------------------------------------Start Time : 2026-04-16 11:27:04.935Duration : 00:04:00Total Resources Changed : 32 (0/sec)-------------------------------------------------ResourceType[Organization] Changed : 32-------------------------------------------------",
            }));
        yield return Case("Classify_200 Bundle information without report_SucceededWithoutCount",
            new FhirAnswer(200, FhirJson, null, CompletedWithoutReport),
            new PollOutcome.Succeeded(new ReindexReport { Summary = "$reindex job has completed successfully" }));
        yield return Case("Classify_200 text plain raw report_SucceededWithCount",
            new FhirAnswer(200, PlainText, null, RawReport),
            new PollOutcome.Succeeded(ReportReader.Read(RawReport)));
        yield return Case("Classify_200 Bundle error with 500 entry status_FailedOrErrored",
            new FhirAnswer(200, FhirJson, null, Failed),
            new PollOutcome.FailedOrErrored(HapiFailure));
        yield return Case("Classify_200 Bundle error with 200 entry status_FailedOrErroredBySeverity",
            new FhirAnswer(200, FhirJson, null, FailedWith200EntryStatus),
            new PollOutcome.FailedOrErrored(HapiFailure));
        yield return Case("Classify_500 OperationOutcome early 8.6 form_FailedOrErrored",
            new FhirAnswer(500, FhirJson, null, FailedEarlyOperationOutcome),
            new PollOutcome.FailedOrErrored(HapiFailure));
        yield return Case("Classify_200 Bundle warning_Cancelled",
            new FhirAnswer(200, FhirJson, null, Cancelled),
            new PollOutcome.Cancelled("$reindex job has been cancelled"));
        yield return Case("Classify_404 HAPI-2787_Lost",
            new FhirAnswer(404, FhirJson, null, UnknownJob),
            new PollOutcome.Lost("HAPI-2787: Invalid/unknown job ID: 00000000-0000-0000-0000-000000000000"));
        yield return Case("Classify_400 wrong job type_Rejected",
            new FhirAnswer(400, FhirJson, null, WrongJobType),
            new PollOutcome.Rejected(400, "HAPI-1769: Job ID does not correspond to a $reindex job"));
        yield return Case("Classify_400 unknown status operation_StatusUnsupported",
            new FhirAnswer(400, FhirJson, null, StatusOperationUnknown),
            new PollOutcome.StatusUnsupported("Invalid request: The FHIR endpoint on this server does not know how to handle GET operation[$hapi.fhir.reindex-status] with parameters [[_jobId]]"));
        yield return Case("Classify_401_Unauthorized",
            new FhirAnswer(401, FhirJson, null, Unauthorized),
            new PollOutcome.Unauthorized("Authorization is required for the interaction that was attempted"));
        yield return Case("Classify_403 Envoy RBAC_Forbidden",
            new FhirAnswer(403, PlainText, null, EnvoyRbacDenied),
            new PollOutcome.Forbidden("RBAC: access denied"));
        yield return Case("Classify_503 Envoy_Transient",
            new FhirAnswer(503, PlainText, null, EnvoyNoHealthyUpstream),
            new PollOutcome.Transient("HTTP 503: no healthy upstream"));
        yield return Case("Classify_504 Envoy_Transient",
            new FhirAnswer(504, PlainText, null, EnvoyTimeout),
            new PollOutcome.Transient("HTTP 504: upstream request timeout"));
        yield return Case("Classify_429_Transient",
            new FhirAnswer(429, PlainText, null, "local_rate_limited"),
            new PollOutcome.Transient("HTTP 429: local_rate_limited"));
        yield return Case("Classify_502 empty_Transient",
            new FhirAnswer(502, null, null, ""),
            new PollOutcome.Transient("HTTP 502: HTTP 502 without a FHIR body"));
        yield return Case("Classify_404 without FHIR body_Transient",
            new FhirAnswer(404, PlainText, null, ""),
            new PollOutcome.Transient("HTTP 404: HTTP 404 without a FHIR body"));
    }

    [TestCaseSource(nameof(Answers))]
    public PollOutcome Classify_Answer_Outcome(FhirAnswer answer) => StatusAnswerClassifier.Classify(answer);

    private static TestCaseData Case(string name, FhirAnswer answer, PollOutcome expected)
        => new TestCaseData(answer).Returns(expected).SetName(name);
}
