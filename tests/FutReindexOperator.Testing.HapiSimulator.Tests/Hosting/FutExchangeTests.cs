using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FutReindexOperator.Testing.HapiSimulator.Tests.Support;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Hosting;

/// <summary>The simulator reproduces FUT's captured 8.6.5 exchange (fut-reindex-exchange.txt).</summary>
public sealed partial class FutExchangeTests
{
    private const string CapturedJobId = "c27486a1-3449-4671-ad8a-282c2d44c598";
    private const string FutBase = "https://organization.cit-organization-1498.local/fhir";

    private const string CapturedRequestBody = """
        {
        "resourceType": "Parameters",
        "parameter": [
        {
        "name": "url",
        "valueString": "Organization?"
        }
        ]
        }
        """;

    private const string CapturedResponseBody = """
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

    // The captured response headers; date, ids and timings are checked for shape only.
    private static readonly Dictionary<string, string> CapturedHeaders = new(StringComparer.Ordinal)
    {
        ["server"] = "istio-envoy",
        ["expires"] = "0",
        ["x-frame-options"] = "DENY",
        ["pragma"] = "no-cache",
        ["x-content-type-options"] = "nosniff",
        ["x-xss-protection"] = "0",
        ["x-powered-by"] = "HAPI FHIR 8.6.5 REST Server (FHIR Server; FHIR 4.0.1/R4)",
        ["content-location"] = $"{FutBase}/$hapi.fhir.reindex-status?_jobId={CapturedJobId}",
        ["content-type"] = "application/fhir+json; charset=UTF-8",
        ["cache-control"] = "no-cache, no-store, max-age=0, must-revalidate",
    };

    private static readonly string[] VariableHeaders = ["date", "x-request-id", "x-envoy-upstream-service-time", "x-b3-traceid"];

    [Test]
    [CancelAfter(30_000)]
    public async Task The_captured_request_gets_the_captured_status_headers_and_body(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(
            options => options.PublicBaseUrls["organization"] = FutBase, cancellationToken);
        harness.Simulator.Controls.EnqueueJobId(CapturedJobId);

        using var response = await harness.Client.SendAsync(CapturedRequest(), cancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var headers = response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .ToDictionary(header => header.Key.ToLowerInvariant(), header => string.Join(", ", header.Value), StringComparer.Ordinal);
        headers.Should().Contain(CapturedHeaders);
        headers.Keys.Except(CapturedHeaders.Keys).Except(VariableHeaders)
            .Should().BeSubsetOf(["content-length", "transfer-encoding"], "only message framing may be added to the captured headers");
        headers["x-request-id"].Should().MatchRegex(Uuid().ToString());
        headers["x-b3-traceid"].Should().MatchRegex("^[0-9a-f]{32}$");
        headers["x-envoy-upstream-service-time"].Should().MatchRegex(@"^\d+$");
        headers.Should().ContainKey("date");

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        body.ShouldBeJson(CapturedResponseBody);
        body.At("text", "div")!.GetValue<string>().Should().Be(CapturedResponseBody.At("text", "div")!.GetValue<string>());
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_captured_request_with_a_fresh_job_id_differs_from_the_capture_only_in_the_job_id(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(
            options => options.PublicBaseUrls["organization"] = FutBase, cancellationToken);

        using var response = await harness.Client.SendAsync(CapturedRequest(), cancellationToken);

        var jobId = harness.Simulator.Controls.Jobs().Single().Id;
        jobId.Should().MatchRegex(Uuid().ToString());
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        body.ShouldBeJson(CapturedResponseBody.Replace(CapturedJobId, jobId, StringComparison.Ordinal));
        response.Content.Headers.ContentLocation!.ToString().Should().Be($"{FutBase}/$hapi.fhir.reindex-status?_jobId={jobId}");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Content_location_uses_the_default_public_base_and_never_the_listening_address(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(options => options.Namespace = "cit-organization-1498", cancellationToken);

        using var response = await harness.Client.SendAsync(CapturedRequest(), cancellationToken);

        var location = response.Content.Headers.ContentLocation!.ToString();
        location.Should().StartWith($"{FutBase}/$hapi.fhir.reindex-status?_jobId=");
        location.Should().NotContain("127.0.0.1");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Header_names_go_over_the_wire_in_lowercase_on_every_response_of_a_connection(CancellationToken cancellationToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(cancellationToken: cancellationToken);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(harness.Simulator.BaseAddress.Host, harness.Simulator.BaseAddress.Port, cancellationToken);
        var stream = client.GetStream();
        var body = Encoding.UTF8.GetBytes(CapturedRequestBody);
        var request = Encoding.ASCII.GetBytes(
            "POST /organization/fhir/$reindex HTTP/1.1\r\nHost: organization\r\nContent-Type: application/fhir+json; charset=UTF-8\r\n"
            + $"Authorization: Bearer {TestTokens.FutExchange}\r\nContent-Length: {body.Length}\r\n\r\n");
        var poll = Encoding.ASCII.GetBytes(
            $"GET /organization/fhir/$hapi.fhir.reindex-status?_jobId=x HTTP/1.1\r\nHost: organization\r\nAuthorization: Bearer {TestTokens.FutExchange}\r\nConnection: close\r\n\r\n");

        await stream.WriteAsync(request.Concat(body).Concat(poll).ToArray(), cancellationToken);
        var wire = await new StreamReader(stream, Encoding.Latin1).ReadToEndAsync(cancellationToken);

        var heads = HeadRegex().Matches(wire).Select(match => match.Value).ToList();
        heads.Should().HaveCount(2);
        heads[0].Should().StartWith("HTTP/1.1 202 ");
        heads[1].Should().StartWith("HTTP/1.1 404 ");
        var names = heads.SelectMany(head => head.Split("\r\n").Skip(1).Where(line => line.Length > 0).Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)])).ToList();
        names.Should().Contain(["server", "content-type", "content-location", "x-powered-by", "cache-control"]);
        names.Should().OnlyContain(name => !name.Any(char.IsUpper));
    }

    private static HttpRequestMessage CapturedRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "organization/fhir/$reindex")
        {
            Content = new StringContent(CapturedRequestBody, Encoding.UTF8),
        };
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/fhir+json; charset=UTF-8");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {TestTokens.FutExchange}");
        request.Headers.TryAddWithoutValidation("Accept", "application/fhir+json;q=1.0, application/json+fhir;q=0.9");
        request.Headers.TryAddWithoutValidation("User-Agent", "HAPI-FHIR/8.6.5 (FHIR Client; FHIR 4.0.1/R4; apache)");
        request.Headers.TryAddWithoutValidation("Prefer", "respond-async");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        return request;
    }

    [GeneratedRegex(@"HTTP/1\.1 \d{3} [^\r]*\r\n(?:[^\r]+\r\n)*\r\n")]
    private static partial Regex HeadRegex();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();
}
