using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Tests.Support;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Fhir;

/// <summary>Every answer of <c>POST [base]/$reindex</c> (protocol sections 1, 2, 5.1, 10.1 to 10.3, 10.13 and 10.14).</summary>
public sealed class ReindexSubmissionTests
{
    private const string Accepted = "$reindex job has been accepted. Poll for status at the following URL: https://organization.sim.local/fhir/$hapi.fhir.reindex-status?_jobId=";

    [TestCase(true)]
    [TestCase(false)]
    [CancelAfter(30_000)]
    public async Task Generation_A_accepts_with_202_and_one_issue_with_or_without_Prefer(bool preferAsync, CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.SubmitAsync("organization", Bodies.Urls("Organization?"), cancellationToken, preferAsync: preferAsync);

        var jobId = harness.Simulator.Controls.Jobs().Single().Id;
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        response.Content.Headers.NonValidated["Content-Location"].ToString()
            .Should().Be($"https://organization.sim.local/fhir/$hapi.fhir.reindex-status?_jobId={jobId}");
        (await response.Content.ReadAsStringAsync(cancellationToken)).ShouldBeJson($$"""
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "information", "code": "informational", "diagnostics": "{{Accepted}}{{jobId}}" } ] }
            """);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Generation_B_without_Prefer_adds_the_proceeding_anyway_warning(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options => options.Hapi.Generation = HapiGeneration.B);

        using var response = await harness.SubmitAsync("organization", Bodies.Urls("Organization?"), cancellationToken, preferAsync: false);

        var jobId = harness.Simulator.Controls.Jobs().Single().Id;
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.Content.ReadAsStringAsync(cancellationToken)).ShouldBeJson($$"""
            { "resourceType": "OperationOutcome",
              "issue": [
                { "severity": "information", "code": "informational", "diagnostics": "{{Accepted}}{{jobId}}" },
                { "severity": "warning", "code": "informational", "diagnostics": "This method should be invoked with the Prefer: respond-async header. Proceeding anyway." } ] }
            """);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Generation_B_with_Prefer_answers_one_issue(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options => options.Hapi.Generation = HapiGeneration.B);

        using var response = await harness.SubmitAsync("organization", Bodies.Urls("Organization?"), cancellationToken, preferAsync: true);

        (await response.Content.ReadAsStringAsync(cancellationToken)).At("issue")!.AsArray().Should().HaveCount(1);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_legacy_server_answers_200_with_the_job_id_in_Parameters(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options => options.Hapi.Generation = HapiGeneration.Legacy);

        using var response = await harness.SubmitAsync("organization", Bodies.Urls("Organization?"), cancellationToken);

        var jobId = harness.Simulator.Controls.Jobs().Single().Id;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.Contains("Content-Location").Should().BeFalse();
        (await response.Content.ReadAsStringAsync(cancellationToken)).ShouldBeJson($$"""
            { "resourceType": "Parameters", "parameter": [ { "name": "jobId", "valueString": "{{jobId}}" } ] }
            """);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_start_answer_carries_HAPIs_narrative_by_default(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);

        using var response = await harness.SubmitOrganizationsAsync(cancellationToken);

        var jobId = harness.Simulator.Controls.Jobs().Single().Id;
        (await response.Content.ReadAsStringAsync(cancellationToken)).At("text", "div")!.GetValue<string>().Should().Be(
            "<div xmlns=\"http://www.w3.org/1999/xhtml\"><h1>Operation Outcome</h1><table border=\"0\"><tr><td style=\"font-weight: bold;\">INFORMATION</td><td>[]</td><td>"
            + Accepted + jobId + "</td></tr></table></div>");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Every_submission_creates_a_new_job(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        (await harness.SubmitOrganizationsAsync(cancellationToken)).Dispose();
        (await harness.SubmitOrganizationsAsync(cancellationToken)).Dispose();

        harness.Simulator.Controls.Jobs().Select(job => job.Id).Should().HaveCount(2).And.OnlyHaveUniqueItems();
        harness.Simulator.Controls.Counters.Submissions.Should().Contain("organization", 2);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_empty_body_reindexes_every_supported_type(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options =>
        {
            options.Hapi.SupportedResourceTypes.Clear();
            options.Hapi.SupportedResourceTypes.Add("Patient");
            options.Hapi.SupportedResourceTypes.Add("Observation");
        });

        using var response = await harness.SubmitAsync("organization", "", cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var job = harness.Simulator.Controls.Jobs().Single();
        job.Request!.Urls.Should().BeEmpty();
        job.ResourcesChanged.Keys.Should().Equal("Observation", "Patient");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_Parameters_body_without_parameters_reindexes_every_supported_type(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.SubmitAsync("organization", """{"resourceType":"Parameters"}""", cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        harness.Simulator.Controls.Jobs().Single().Request!.Urls.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Parameters_get_HAPIs_defaults_and_upper_cased_codes(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var body = Bodies.Parameters(
            ("url", "valueString", "Patient?active=true"),
            ("url", "valueString", " "),
            ("reindexSearchParameters", "valueCode", "none"),
            ("correctCurrentVersion", "valueCode", "all"),
            ("batchSize", "valueInteger", 9000),
            ("partitionId", "valueString", "_ALL"));

        using var response = await harness.SubmitAsync("organization", body, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var request = harness.Simulator.Controls.Jobs().Single().Request!;
        request.Urls.Should().Equal("Patient?active=true");
        request.ReindexSearchParameters.Should().Be("NONE");
        request.OptimizeStorage.Should().Be("NONE");
        request.CorrectCurrentVersion.Should().Be("ALL");
        request.OptimisticLock.Should().BeFalse("correctCurrentVersion without optimisticLock turns locking off");
        request.BatchSize.Should().Be(500);
        request.PartitionIds.Should().Equal("_ALL");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Parameters_in_the_query_string_are_honoured(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "organization/fhir/$reindex?url=Organization%3F&optimizeStorage=ALL_VERSIONS");

        using var response = await harness.SendAsync(request, TestTokens.FutExchange, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        harness.Simulator.Controls.Jobs().Single().Request!.OptimizeStorage.Should().Be("ALL_VERSIONS");
    }

    [TestCase("Foo?", "Resource type Foo is not supported")]
    [TestCase("Organization", "Invalid/unsupported URL (must use syntax '{resourceType}?[optional params]': Organization")]
    [TestCase("organization?", "Invalid/unsupported URL (must use syntax '{resourceType}?[optional params]': organization?")]
    [TestCase("Patient? active=true", "Invalid URL, cannot contain whitespace: Patient? active=true")]
    [CancelAfter(30_000)]
    public async Task A_bad_url_answers_400_HAPI_2039_and_creates_no_job(string url, string problem, CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.SubmitAsync("organization", Bodies.Urls(url), cancellationToken);

        await ShouldBeErrorAsync(response, $"HAPI-2039: Failed to validate parameters for job of type REINDEX: \n * {problem}", cancellationToken);
        harness.Simulator.Controls.Jobs().Should().BeEmpty();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Several_bad_urls_are_all_listed(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.SubmitAsync("organization", Bodies.Urls("Foo?", "Bar?"), cancellationToken);

        await ShouldBeErrorAsync(
            response,
            "HAPI-2039: Failed to validate parameters for job of type REINDEX: \n * Resource type Foo is not supported\n * Resource type Bar is not supported",
            cancellationToken);
    }

    [TestCase("reindexSearchParameters", "valueBoolean", "false", "HAPI-1769: Invalid reindexSearchParameters value: false")]
    [TestCase("reindexSearchParameters", "valueCode", "SOME", "HAPI-1769: Invalid reindexSearchParameters value: SOME")]
    [TestCase("optimizeStorage", "valueCode", "EVERYTHING", "HAPI-1769: Invalid optimizeStorage value: EVERYTHING")]
    [TestCase("correctCurrentVersion", "valueCode", "CURRENT", "HAPI-1769: Invalid correctCurrentVersion value: CURRENT")]
    [TestCase("partitionId", "valueString", "north", "HAPI-2820: Invalid partition ID: north")]
    [CancelAfter(30_000)]
    public async Task A_bad_parameter_value_answers_400(string name, string valueKey, string value, string diagnostics, CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        JsonNode node = valueKey == "valueBoolean" ? bool.Parse(value) : value;

        using var response = await harness.SubmitAsync("organization", Bodies.Parameters((name, valueKey, node)), cancellationToken);

        await ShouldBeErrorAsync(response, diagnostics, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Without_all_types_support_an_empty_url_list_answers_400(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken, options => options.Hapi.AllowEmptyUrlList = false);

        using var response = await harness.SubmitAsync("organization", Bodies.Parameters(("reindexSearchParameters", "valueCode", "ALL")), cancellationToken);

        await ShouldBeErrorAsync(
            response,
            "HAPI-2039: Failed to validate parameters for job of type REINDEX: \n * At least one type-specific search URL must be provided for $reindex on this server",
            cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_unknown_search_parameter_is_accepted_and_the_job_fails_later(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.SubmitAsync("organization", Bodies.Urls("Organization?foo=bar"), cancellationToken);
        var jobId = harness.Simulator.Controls.Jobs().Single().Id;
        harness.MaintainUntil(jobId, ReindexJobState.Failed);
        using var poll = await harness.PollAsync("organization", jobId, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await poll.Content.ReadAsStringAsync(cancellationToken)).At("entry", 0, "response", "outcome", "issue", 0, "diagnostics")!.GetValue<string>().Should().Be(
            "$reindex job has failed with error: HAPI-0488: Failed to parse match URL[Organization?foo=bar] - Resource type Organization does not have a parameter with name: foo");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Correcting_current_versions_with_optimistic_locking_answers_400(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        var body = Bodies.Parameters(("correctCurrentVersion", "valueCode", "ALL"), ("optimisticLock", "valueBoolean", true));

        using var response = await harness.SubmitAsync("organization", body, cancellationToken);

        await ShouldBeErrorAsync(
            response, "HAPI-2039: Failed to validate parameters for job of type REINDEX: \n * Optimistic locking cannot be enabled when correcting current versions", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_body_that_is_not_FHIR_JSON_answers_400_HAPI_1861(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.SubmitAsync("organization", "{ not json", cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(cancellationToken)).At("issue", 0, "diagnostics")!.GetValue<string>()
            .Should().StartWith("HAPI-1861: Failed to parse JSON encoded FHIR content: ");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_XML_Parameters_body_is_accepted(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "organization/fhir/$reindex")
        {
            Content = new StringContent(
                """<Parameters xmlns="http://hl7.org/fhir"><parameter><name value="url"/><valueString value="Task?"/></parameter></Parameters>""",
                Encoding.UTF8,
                "application/fhir+xml"),
        };

        using var response = await harness.SendAsync(request, TestTokens.FutExchange, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        harness.Simulator.Controls.Jobs().Single().Request!.Urls.Should().Equal("Task?");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task GET_on_reindex_answers_405_allowing_POST(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);

        using var response = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "organization/fhir/$reindex"), TestTokens.FutExchange, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal("POST");
        (await response.Content.ReadAsStringAsync(cancellationToken)).At("issue", 0, "diagnostics")!.GetValue<string>()
            .Should().Contain("HTTP Method GET is not allowed");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Type_level_reindex_is_not_supported(CancellationToken cancellationToken)
    {
        await using var harness = await PlainAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "organization/fhir/Organization/$reindex")
        {
            Content = new StringContent(Bodies.Urls("Organization?"), Encoding.UTF8, "application/fhir+json"),
        };

        using var response = await harness.SendAsync(request, TestTokens.FutExchange, cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(cancellationToken)).ShouldBeJson("""
            { "resourceType": "OperationOutcome",
              "issue": [ { "severity": "error", "code": "not-supported",
                "diagnostics": "Invalid request: The FHIR endpoint on this server does not know how to handle POST operation[Organization/$reindex] with parameters [[]]" } ] }
            """);
        harness.Simulator.Controls.Jobs().Should().BeEmpty();
    }

    private static Task<SimulatorHarness> PlainAsync(CancellationToken cancellationToken, Action<HapiSimulatorOptions>? configure = null) =>
        SimulatorHarness.StartAsync(
            options =>
            {
                options.Hapi.Narrative = false;
                configure?.Invoke(options);
            },
            cancellationToken);

    private static async Task ShouldBeErrorAsync(HttpResponseMessage response, string diagnostics, CancellationToken cancellationToken)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.Contains("Content-Location").Should().BeFalse();
        (await response.Content.ReadAsStringAsync(cancellationToken)).ShouldBeJson(new JsonObject
        {
            ["resourceType"] = "OperationOutcome",
            ["issue"] = new JsonArray(new JsonObject { ["severity"] = "error", ["code"] = "processing", ["diagnostics"] = diagnostics }),
        }.ToJsonString());
    }
}
