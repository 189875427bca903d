namespace FutReindexOperator.Tests.Fhir;

/// <summary>The exact payloads of the protocol document (hapi-reindex-protocol.md sections 10 and 5.3).</summary>
internal static class HapiPayloads
{
    public const string JobId = "c27486a1-3449-4671-ad8a-282c2d44c598";

    public const string InternalContentLocation = "https://organization.cit-organization-1498.local/fhir/$hapi.fhir.reindex-status?_jobId=" + JobId;

    public const string Accepted = """
        {
          "resourceType": "OperationOutcome",
          "text": {
            "status": "generated",
            "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><h1>Operation Outcome</h1><table border=\"0\"><tr><td style=\"font-weight: bold;\">INFORMATION</td><td>[]</td><td>$reindex job has been accepted. Poll for status at the following URL: https://organization.cit-organization-1498.local/fhir/$hapi.fhir.reindex-status?_jobId=c27486a1-3449-4671-ad8a-282c2d44c598</td></tr></table></div>"
          },
          "issue": [
            {
              "severity": "information",
              "code": "informational",
              "diagnostics": "$reindex job has been accepted. Poll for status at the following URL: https://organization.cit-organization-1498.local/fhir/$hapi.fhir.reindex-status?_jobId=c27486a1-3449-4671-ad8a-282c2d44c598"
            }
          ]
        }
        """;

    public const string AcceptedGenBWithoutPrefer = """
        {
          "resourceType": "OperationOutcome",
          "issue": [
            { "severity": "information", "code": "informational",
              "diagnostics": "$reindex job has been accepted. Poll for status at the following URL: https://fhir.example/fhir/$hapi.fhir.reindex-status?_jobId=5f0c1d2e" },
            { "severity": "warning", "code": "informational",
              "diagnostics": "This method should be invoked with the Prefer: respond-async header. Proceeding anyway." }
          ]
        }
        """;

    public const string LegacyAccepted = """
        { "resourceType": "Parameters", "parameter": [ { "name": "jobId", "valueString": "403df237-d1d1-42f5-a8ed-953c83ed9db0" } ] }
        """;

    public const string Queued = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "information", "code": "informational", "diagnostics": "$reindex job has not yet started" } ] }
        """;

    public const string InProgressGenA = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "information", "code": "informational", "diagnostics": "$reindex job has started and is in progress" } ] }
        """;

    public const string InProgressGenB = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "information", "code": "informational", "diagnostics": "$reindex job has started and is in progress. Current step: load-ids." } ] }
        """;

    public const string Finalizing = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "information", "code": "informational", "diagnostics": "$reindex job has started and is being finalized" } ] }
        """;

    public const string Completed = """
        {
          "resourceType": "Bundle",
          "type": "batch-response",
          "entry": [
            {
              "response": {
                "status": "200 OK",
                "outcome": {
                  "resourceType": "OperationOutcome",
                  "text": {
                    "status": "generated",
                    "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><h1>Operation Outcome</h1><table border=\"0\"><tr><td style=\"font-weight: bold;\">INFORMATION</td><td>[]</td><td>Reindex (v3) Report-------------------------------------------------Start Time : 2026-04-16 11:27:04.935Duration : 00:04:00Total Resources Changed : 32 (0/sec)-------------------------------------------------ResourceType[Organization] Changed : 32-------------------------------------------------</td></tr><tr><td style=\"font-weight: bold;\">INFORMATION</td><td>[]</td><td>Access raw text report at URL: https://organization.cit-organization-1498.local/fhir/$hapi.fhir.reindex-status?_jobId=c27486a1-3449-4671-ad8a-282c2d44c598&amp;_return=report</td></tr></table></div>"
                  },
                  "issue": [
                    {
                      "severity": "information",
                      "code": "informational",
                      "diagnostics": "Reindex (v3) Report-------------------------------------------------Start Time                : 2026-04-16 11:27:04.935Duration                  : 00:04:00Total Resources Changed   : 32 (0/sec)-------------------------------------------------ResourceType[Organization]    Changed   : 32-------------------------------------------------"
                    },
                    {
                      "severity": "information",
                      "code": "informational",
                      "diagnostics": "Access raw text report at URL: https://organization.cit-organization-1498.local/fhir/$hapi.fhir.reindex-status?_jobId=c27486a1-3449-4671-ad8a-282c2d44c598&_return=report"
                    }
                  ]
                }
              }
            }
          ]
        }
        """;

    public const string CompletedWithoutReport = """
        { "resourceType": "Bundle", "type": "batch-response",
          "entry": [ { "response": { "status": "200 OK",
            "outcome": { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "information", "code": "informational", "diagnostics": "$reindex job has completed successfully" } ] } } } ] }
        """;

    public const string RawReport = """
        Reindex (v3) Report
        -------------------------------------------------
        Start Time                : Thu Apr 16 11:27:04 UTC 2026
        Duration                  : 00:04:00
        Total Resources Changed   : 32 (0/sec)
        Total Resources Unchanged : 0 (0/sec)
        Total Failed Changes      : 0 (0/sec)
        Total Retried Chunks      : 0
        Total Retried Resources   : 0
        -------------------------------------------------
        ResourceType[Organization]
            Changed   : 32
        -------------------------------------------------
        """;

    public const string Failed = """
        {
          "resourceType": "Bundle",
          "type": "batch-response",
          "entry": [ { "response": {
            "status": "500 Internal Server Error",
            "outcome": { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "error", "code": "processing",
                "diagnostics": "$reindex job has failed with error: HAPI-2790: Reindex (v3) had 3 failure(s). See report for details." } ] } } } ]
        }
        """;

    public const string FailedWith200EntryStatus = """
        { "resourceType": "Bundle", "type": "batch-response",
          "entry": [ { "response": { "status": "200 OK",
            "outcome": { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "error", "code": "processing",
                "diagnostics": "$reindex job has failed with error: HAPI-2790: Reindex (v3) had 3 failure(s). See report for details." } ] } } } ] }
        """;

    public const string FailedEarlyOperationOutcome = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "error", "code": "processing",
            "diagnostics": "$reindex job has failed with error: HAPI-2790: Reindex (v3) had 3 failure(s). See report for details." } ] }
        """;

    public const string Cancelled = """
        {
          "resourceType": "Bundle",
          "type": "batch-response",
          "entry": [ { "response": {
            "status": "200 OK",
            "outcome": { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "warning", "code": "informational", "diagnostics": "$reindex job has been cancelled" } ] } } } ]
        }
        """;

    public const string UnknownJob = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "error", "code": "processing", "diagnostics": "HAPI-2787: Invalid/unknown job ID: 00000000-0000-0000-0000-000000000000" } ] }
        """;

    public const string WrongJobType = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "error", "code": "processing", "diagnostics": "HAPI-1769: Job ID does not correspond to a $reindex job" } ] }
        """;

    public const string UnknownResourceType = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "error", "code": "processing",
            "diagnostics": "HAPI-2039: Failed to validate parameters for job of type REINDEX: \n * Resource type Foo is not supported" } ] }
        """;

    public const string InvalidEnum = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "error", "code": "processing", "diagnostics": "HAPI-1769: Invalid reindexSearchParameters value: false" } ] }
        """;

    public const string StatusOperationUnknown = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "error", "code": "not-supported",
            "diagnostics": "Invalid request: The FHIR endpoint on this server does not know how to handle GET operation[$hapi.fhir.reindex-status] with parameters [[_jobId]]" } ] }
        """;

    public const string Unauthorized = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "error", "code": "login", "diagnostics": "Authorization is required for the interaction that was attempted" } ] }
        """;

    public const string Forbidden = """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "error", "code": "forbidden", "diagnostics": "Insufficient permission for $reindex for SYSTEM" } ] }
        """;

    public const string EnvoyNoHealthyUpstream = "no healthy upstream";

    public const string EnvoyConnectFailure = "upstream connect error or disconnect/reset before headers. reset reason: connection failure";

    public const string EnvoyConnectionTermination = "upstream connect error or disconnect/reset before headers. reset reason: connection termination";

    public const string EnvoyTimeout = "upstream request timeout";

    public const string EnvoyRbacDenied = "RBAC: access denied";
}
