using FutReindexOperator.Fhir;
using static FutReindexOperator.Tests.Fhir.HapiPayloads;

namespace FutReindexOperator.Tests.Fhir;

public sealed class SubmitAnswerClassifierTests
{
    private const string FhirJson = "application/fhir+json";
    private const string PlainText = "text/plain";

    private static IEnumerable<TestCaseData> Answers()
    {
        yield return Case("Classify_Gen A 202 with Content-Location_AcceptedTrackable",
            new FhirAnswer(202, FhirJson, InternalContentLocation, Accepted),
            new SubmitOutcome.Accepted(JobId, true, $"$reindex job has been accepted. Poll for status at the following URL: {InternalContentLocation}"));
        yield return Case("Classify_202 without Content-Location_AcceptedFromDiagnostics",
            new FhirAnswer(202, FhirJson, null, Accepted),
            new SubmitOutcome.Accepted(JobId, true, $"$reindex job has been accepted. Poll for status at the following URL: {InternalContentLocation}"));
        yield return Case("Classify_Gen B 202 with Prefer warning_AcceptedIgnoringTheWarning",
            new FhirAnswer(202, FhirJson, null, AcceptedGenBWithoutPrefer),
            new SubmitOutcome.Accepted("5f0c1d2e", true, "$reindex job has been accepted. Poll for status at the following URL: https://fhir.example/fhir/$hapi.fhir.reindex-status?_jobId=5f0c1d2e"));
        yield return Case("Classify_Legacy 200 Parameters_AcceptedUntrackable",
            new FhirAnswer(200, FhirJson, null, LegacyAccepted),
            new SubmitOutcome.Accepted("403df237-d1d1-42f5-a8ed-953c83ed9db0", false, ""));
        yield return Case("Classify_202 without any job id_AcceptedWithoutJobId",
            new FhirAnswer(202, FhirJson, null, Queued),
            new SubmitOutcome.AcceptedWithoutJobId("the server accepted the request (HTTP 202) but named no job id: $reindex job has not yet started"));
        yield return Case("Classify_400 unknown resource type_RejectedWithDiagnostics",
            new FhirAnswer(400, FhirJson, null, UnknownResourceType),
            new SubmitOutcome.Rejected(400, "HAPI-2039: Failed to validate parameters for job of type REINDEX: * Resource type Foo is not supported"));
        yield return Case("Classify_400 invalid enum_RejectedWithDiagnostics",
            new FhirAnswer(400, FhirJson, null, InvalidEnum),
            new SubmitOutcome.Rejected(400, "HAPI-1769: Invalid reindexSearchParameters value: false"));
        yield return Case("Classify_401 FHIR_Unauthorized",
            new FhirAnswer(401, FhirJson, null, Unauthorized),
            new SubmitOutcome.Unauthorized("Authorization is required for the interaction that was attempted"));
        yield return Case("Classify_403 FHIR_Forbidden",
            new FhirAnswer(403, FhirJson, null, Forbidden),
            new SubmitOutcome.Forbidden("Insufficient permission for $reindex for SYSTEM"));
        yield return Case("Classify_403 Envoy RBAC_Forbidden",
            new FhirAnswer(403, PlainText, null, EnvoyRbacDenied),
            new SubmitOutcome.Forbidden("RBAC: access denied"));
        yield return Case("Classify_404_RejectedNoOperation",
            new FhirAnswer(404, null, null, ""),
            new SubmitOutcome.Rejected(404, "no $reindex operation at this FHIR base (HTTP 404): HTTP 404 without a FHIR body"));
        yield return Case("Classify_Envoy 503 no healthy upstream_NotSent",
            new FhirAnswer(503, PlainText, null, EnvoyNoHealthyUpstream),
            new SubmitOutcome.NotSent("the mesh could not reach the server (HTTP 503): no healthy upstream"));
        yield return Case("Classify_Envoy 503 connect failure before headers_NotSent",
            new FhirAnswer(503, PlainText, null, EnvoyConnectFailure),
            new SubmitOutcome.NotSent($"the mesh could not reach the server (HTTP 503): {EnvoyConnectFailure}"));
        yield return Case("Classify_Envoy 503 connection termination_MaybeSent",
            new FhirAnswer(503, PlainText, null, EnvoyConnectionTermination),
            new SubmitOutcome.MaybeSent($"HTTP 503 after the request was sent: {EnvoyConnectionTermination}"));
        yield return Case("Classify_Envoy 504 upstream request timeout_MaybeSent",
            new FhirAnswer(504, PlainText, null, EnvoyTimeout),
            new SubmitOutcome.MaybeSent("HTTP 504 after the request was sent: upstream request timeout"));
        yield return Case("Classify_500 from HAPI_MaybeSent",
            new FhirAnswer(500, FhirJson, null, WrongJobType),
            new SubmitOutcome.MaybeSent("HTTP 500 after the request was sent: HAPI-1769: Job ID does not correspond to a $reindex job"));
        yield return Case("Classify_429_NotSent",
            new FhirAnswer(429, PlainText, null, "local_rate_limited"),
            new SubmitOutcome.NotSent("the server or mesh is rate limiting (HTTP 429): local_rate_limited"));
        yield return Case("Classify_302 redirect_RejectedNotFollowed",
            new FhirAnswer(302, null, null, ""),
            new SubmitOutcome.Rejected(302, "the server redirected (HTTP 302); redirects are not followed, check target.basePath and target.scheme"));
    }

    [TestCaseSource(nameof(Answers))]
    public SubmitOutcome Classify_Answer_Outcome(FhirAnswer answer) => SubmitAnswerClassifier.Classify(answer);

    private static TestCaseData Case(string name, FhirAnswer answer, SubmitOutcome expected)
        => new TestCaseData(answer).Returns(expected).SetName(name);
}
