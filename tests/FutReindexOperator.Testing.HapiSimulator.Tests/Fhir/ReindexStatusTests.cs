using System.Net;
using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Tests.Support;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Fhir;

/// <summary>Every answer of <c>$hapi.fhir.reindex-status</c> (protocol sections 3.3, 3.4 and 10.4 to 10.12).</summary>
public sealed class ReindexStatusTests
{
    private const string JobId = "c27486a1-3449-4671-ad8a-282c2d44c598";
    private const string FutBase = "https://organization.cit-organization-1498.local/fhir";

    [Test]
    [CancelAfter(30_000)]
    public async Task A_queued_job_answers_202_not_yet_started(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);

        using var response = await harness.PollAsync("organization", jobId, cancellationToken);

        await ShouldBeAsync(response, HttpStatusCode.Accepted, "$reindex job has not yet started", """
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "information", "code": "informational", "diagnostics": "$reindex job has not yet started" } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_running_job_answers_202_in_progress_in_generation_A(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.MaintainUntil(jobId, ReindexJobState.InProgress);

        using var response = await harness.PollAsync("organization", jobId, cancellationToken);

        await ShouldBeAsync(response, HttpStatusCode.Accepted, "$reindex job has started and is in progress", """
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "information", "code": "informational", "diagnostics": "$reindex job has started and is in progress" } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_running_job_names_its_current_step_in_generation_B(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options => options.Hapi.Generation = HapiGeneration.B);
        harness.Simulator.Controls.SetServiceScript("organization", JobScript.StuckIn(ReindexJobState.InProgress));
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.MaintainUntil(jobId, ReindexJobState.InProgress);
        harness.Simulator.Controls.RunMaintenance();

        using var response = await harness.PollAsync("organization", jobId, cancellationToken);

        const string progress = "$reindex job has started and is in progress. Current step: load-ids.";
        await ShouldBeAsync(response, HttpStatusCode.Accepted, progress, $$"""
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "information", "code": "informational", "diagnostics": "{{progress}}" } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_finalizing_job_answers_202_being_finalized(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        harness.Simulator.Controls.SetServiceScript("organization", JobScript.Completes());
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.MaintainUntil(jobId, ReindexJobState.Finalize);

        using var response = await harness.PollAsync("organization", jobId, cancellationToken);

        await ShouldBeAsync(response, HttpStatusCode.Accepted, "$reindex job has started and is being finalized", """
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "information", "code": "informational", "diagnostics": "$reindex job has started and is being finalized" } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_completed_job_answers_the_batch_response_bundle_of_FUTs_example(CancellationToken cancellationToken)
    {
        await using var harness = await CompletedLikeFutAsync(cancellationToken);

        using var response = await harness.PollAsync("organization", JobId, cancellationToken);

        await ShouldBeAsync(response, HttpStatusCode.OK, "$reindex job has completed successfully", """
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
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_completed_job_in_source_report_format_carries_HAPIs_multi_line_report(CancellationToken cancellationToken)
    {
        await using var harness = await CompletedLikeFutAsync(cancellationToken, options => options.Hapi.ReportFormat = ReportFormat.Source);

        using var response = await harness.PollAsync("organization", JobId, cancellationToken);

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        body.At("entry", 0, "response", "outcome", "issue", 0, "diagnostics")!.GetValue<string>().Should().Be(SourceReport);
        body.At("entry", 0, "response", "outcome", "issue", 1, "diagnostics")!.GetValue<string>()
            .Should().Be($"Access raw text report at URL: {FutBase}/$hapi.fhir.reindex-status?_jobId={JobId}&_return=report");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_completed_job_without_a_report_answers_completed_successfully(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        harness.Simulator.Controls.SetServiceScript("organization", new JobScript(JobScript.Completes().Phases, hasReport: false));
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.MaintainUntil(jobId, ReindexJobState.Completed);

        using var response = await harness.PollAsync("organization", jobId, cancellationToken);

        await ShouldBeAsync(response, HttpStatusCode.OK, "$reindex job has completed successfully", """
            { "resourceType": "Bundle", "type": "batch-response",
              "entry": [ { "response": { "status": "200 OK", "outcome": { "resourceType": "OperationOutcome",
                "issue": [ { "severity": "information", "code": "informational", "diagnostics": "$reindex job has completed successfully" } ] } } } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Return_report_on_a_completed_job_answers_the_plain_text_report(CancellationToken cancellationToken)
    {
        await using var harness = await CompletedLikeFutAsync(cancellationToken);

        using var response = await harness.PollAsync("organization", JobId, cancellationToken, "&_return=report");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.NonValidated["Content-Type"].ToString().Should().Be("text/plain; charset=UTF-8");
        response.Headers.GetValues("x-progress").Should().Equal("$reindex job has completed successfully");
        (await response.Content.ReadAsStringAsync(cancellationToken)).Should().Be(SourceReport);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Return_report_in_generation_B_has_no_progress_header(CancellationToken cancellationToken)
    {
        await using var harness = await CompletedLikeFutAsync(cancellationToken, options => options.Hapi.Generation = HapiGeneration.B);

        using var response = await harness.PollAsync("organization", JobId, cancellationToken, "&_return=report");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("x-progress").Should().BeFalse();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_failed_job_answers_200_with_the_error_bundle_and_a_500_entry_status(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        harness.Simulator.Controls.SetServiceScript("organization", JobScript.Fails());
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.MaintainUntil(jobId, ReindexJobState.Failed);

        using var response = await harness.PollAsync("organization", jobId, cancellationToken);

        const string failed = "$reindex job has failed with error: HAPI-2790: Reindex (v3) had 3 failure(s). See report for details.";
        await ShouldBeAsync(response, HttpStatusCode.OK, failed, $$"""
            { "resourceType": "Bundle", "type": "batch-response",
              "entry": [ { "response": { "status": "500 Internal Server Error", "outcome": { "resourceType": "OperationOutcome",
                "issue": [ { "severity": "error", "code": "processing", "diagnostics": "{{failed}}" } ] } } } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_failed_entry_status_is_configurable(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options => options.Hapi.FailedEntryStatus = "200 OK");
        harness.Simulator.Controls.SetServiceScript("organization", JobScript.Fails("boom"));
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.MaintainUntil(jobId, ReindexJobState.Failed);

        using var response = await harness.PollAsync("organization", jobId, cancellationToken);

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        body.At("entry", 0, "response", "status")!.GetValue<string>().Should().Be("200 OK");
        body.At("entry", 0, "response", "outcome", "issue", 0, "diagnostics")!.GetValue<string>().Should().Be("$reindex job has failed with error: boom");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_errored_job_answers_like_a_failed_one(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        harness.Simulator.Controls.SetServiceScript("organization", JobScript.StuckIn(ReindexJobState.Errored));
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.MaintainUntil(jobId, ReindexJobState.Errored);

        using var response = await harness.PollAsync("organization", jobId, cancellationToken);

        const string failed = "$reindex job has failed with error: HAPI-2790: Reindex (v3) had 3 failure(s). See report for details.";
        await ShouldBeAsync(response, HttpStatusCode.OK, failed, $$"""
            { "resourceType": "Bundle", "type": "batch-response",
              "entry": [ { "response": { "status": "500 Internal Server Error", "outcome": { "resourceType": "OperationOutcome",
                "issue": [ { "severity": "error", "code": "processing", "diagnostics": "{{failed}}" } ] } } } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_failed_job_in_the_early_8_6_style_answers_500_with_the_operation_outcome(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options => options.Hapi.FailedHttpStyle = FailedHttpStyle.OperationOutcome500);
        harness.Simulator.Controls.SetServiceScript("organization", JobScript.Fails("boom"));
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.MaintainUntil(jobId, ReindexJobState.Failed);

        using var response = await harness.PollAsync("organization", jobId, cancellationToken);

        await ShouldBeAsync(response, HttpStatusCode.InternalServerError, "$reindex job has failed with error: boom", """
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "error", "code": "processing", "diagnostics": "$reindex job has failed with error: boom" } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_cancelled_job_answers_the_warning_bundle(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.Simulator.Controls.Cancel(jobId).Should().BeTrue();
        harness.Simulator.Controls.RunMaintenance();

        using var response = await harness.PollAsync("organization", jobId, cancellationToken);

        await ShouldBeAsync(response, HttpStatusCode.OK, "$reindex job has been cancelled", """
            { "resourceType": "Bundle", "type": "batch-response",
              "entry": [ { "response": { "status": "200 OK", "outcome": { "resourceType": "OperationOutcome",
                "issue": [ { "severity": "warning", "code": "informational", "diagnostics": "$reindex job has been cancelled" } ] } } } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_unknown_job_answers_404_HAPI_2787_without_progress(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.PollAsync("organization", "00000000-0000-0000-0000-000000000000", cancellationToken);

        await ShouldBeAsync(response, HttpStatusCode.NotFound, null, """
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "error", "code": "processing", "diagnostics": "HAPI-2787: Invalid/unknown job ID: 00000000-0000-0000-0000-000000000000" } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_purged_job_answers_404_HAPI_2787(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.Simulator.Controls.Purge(jobId).Should().BeTrue();

        using var response = await harness.PollAsync("organization", jobId, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(cancellationToken)).At("issue", 0, "diagnostics")!.GetValue<string>()
            .Should().Be($"HAPI-2787: Invalid/unknown job ID: {jobId}");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_job_of_another_service_is_unknown_to_this_one(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options => options.Services.Add("careplan"));
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);

        using var response = await harness.PollAsync("careplan", jobId, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_job_of_another_type_answers_400_HAPI_1769(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var foreign = harness.Simulator.Controls.CreateForeignJob("organization");

        using var response = await harness.PollAsync("organization", foreign.Id, cancellationToken);

        await ShouldBeAsync(response, HttpStatusCode.BadRequest, null, """
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "error", "code": "processing", "diagnostics": "HAPI-1769: Job ID does not correspond to a $reindex job" } ] }
            """, cancellationToken);
    }

    [TestCase("")]
    [TestCase("?_jobId=")]
    [CancelAfter(30_000)]
    public async Task A_missing_job_id_answers_400_HAPI_1769(string query, CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"organization/fhir/$hapi.fhir.reindex-status{query}"), TestTokens.FutExchange, cancellationToken);

        await ShouldBeAsync(response, HttpStatusCode.BadRequest, null, """
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "error", "code": "processing", "diagnostics": "HAPI-1769: Missing job id" } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Dry_run_changes_on_a_reindex_job_answer_400_HAPI_2815(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);

        using var response = await harness.PollAsync("organization", jobId, cancellationToken, "&_return=dryRunChanges");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(cancellationToken)).At("issue", 0, "diagnostics")!.GetValue<string>().Should().StartWith("HAPI-2815: ");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_POST_with_the_job_id_in_a_Parameters_body_polls_like_a_GET(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "organization/fhir/$hapi.fhir.reindex-status")
        {
            Content = new StringContent(Bodies.Parameters(("_jobId", "valueString", jobId)), System.Text.Encoding.UTF8, "application/fhir+json"),
        };

        using var response = await harness.SendAsync(request, TestTokens.FutExchange, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        response.Headers.GetValues("x-progress").Should().Equal("$reindex job has not yet started");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task DELETE_on_the_status_operation_is_not_supported(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var jobId = await harness.SubmitAndGetJobIdAsync(cancellationToken);

        using var response = await harness.SendAsync(
            new HttpRequestMessage(HttpMethod.Delete, $"organization/fhir/$hapi.fhir.reindex-status?_jobId={jobId}"), TestTokens.FutExchange, cancellationToken);

        await ShouldBeAsync(response, HttpStatusCode.BadRequest, null, """
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "error", "code": "not-supported", "diagnostics": "Invalid request: The FHIR endpoint on this server does not know how to handle DELETE operation[$hapi.fhir.reindex-status] with parameters [[_jobId]]" } ] }
            """, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_legacy_server_has_no_status_operation(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options => options.Hapi.Generation = HapiGeneration.Legacy);

        using var response = await harness.PollAsync("organization", "403df237-d1d1-42f5-a8ed-953c83ed9db0", cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(cancellationToken)).At("issue", 0, "diagnostics")!.GetValue<string>()
            .Should().Be("Invalid request: The FHIR endpoint on this server does not know how to handle GET operation[$hapi.fhir.reindex-status] with parameters [[_jobId]]");
    }

    private const string SourceReport =
        "Reindex (v3) Report\n" +
        "-------------------------------------------------\n" +
        "Start Time                : Thu Apr 16 11:27:04 UTC 2026\n" +
        "Duration                  : 00:04:00\n" +
        "Total Resources Changed   : 32 (0/sec)\n" +
        "Total Resources Unchanged : 0 (0/sec)\n" +
        "Total Failed Changes      : 0 (0/sec)\n" +
        "Total Retried Chunks      : 0\n" +
        "Total Retried Resources   : 0\n" +
        "-------------------------------------------------\n" +
        "ResourceType[Organization]\n" +
        "    Changed   : 32\n" +
        "-------------------------------------------------\n";

    // Narratives off: the protocol document pins these forms without them.
    private static Task<SimulatorHarness> PlainAsync(CancellationToken cancellationToken, Action<HapiSimulatorOptions>? configure = null) =>
        SimulatorHarness.StartAsync(
            options =>
            {
                options.Hapi.Narrative = false;
                configure?.Invoke(options);
            },
            cancellationToken);

    // Replays FUT's example: submitted 11:27:01, started 11:27:04.935, four minutes, 32 Organizations.
    private static async Task<SimulatorHarness> CompletedLikeFutAsync(CancellationToken cancellationToken, Action<HapiSimulatorOptions>? configure = null)
    {
        var harness = await SimulatorHarness.StartAsync(
            options =>
            {
                options.PublicBaseUrls["organization"] = FutBase;
                configure?.Invoke(options);
            },
            cancellationToken);
        harness.Simulator.Controls.SetServiceScript("organization", JobScript.Completes(32, inProgressFor: TimeSpan.FromMinutes(4)));
        harness.Simulator.Controls.EnqueueJobId(JobId);
        await harness.SubmitAndGetJobIdAsync(cancellationToken);
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 16, 11, 27, 4, 935, TimeSpan.Zero));
        harness.MaintainUntil(JobId, ReindexJobState.InProgress);
        harness.Clock.Advance(TimeSpan.FromMinutes(4));
        harness.MaintainUntil(JobId, ReindexJobState.Completed);
        return harness;
    }

    private static async Task ShouldBeAsync(HttpResponseMessage response, HttpStatusCode status, string? progress, string expectedJson, CancellationToken cancellationToken)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.NonValidated["Content-Type"].ToString().Should().Be("application/fhir+json; charset=UTF-8");
        if (progress is null)
        {
            response.Headers.Contains("x-progress").Should().BeFalse();
        }
        else
        {
            response.Headers.GetValues("x-progress").Should().Equal(progress);
        }

        (await response.Content.ReadAsStringAsync(cancellationToken)).ShouldBeJson(expectedJson);
    }
}
