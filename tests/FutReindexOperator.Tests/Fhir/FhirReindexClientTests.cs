using System.Net;
using System.Net.Sockets;
using System.Text;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;

namespace FutReindexOperator.Tests.Fhir;

public sealed class FhirReindexClientTests
{
    private static readonly FhirBase Target = new(new Uri("http://organization.fut.svc.cluster.local:8080/fhir"));
    private static readonly ReindexJobSpec Spec = new() { Urls = ["Organization?"] };

    [Test]
    [CancelAfter(10_000)]
    public async Task SubmitAsync_Accepted_PostsParametersWithHapisHeaders(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted, HapiPayloads.InternalContentLocation));
        using var httpClient = new HttpClient(handler);

        var outcome = await new FhirReindexClient(httpClient).SubmitAsync(Target, Spec, "token-value", cancellationToken);

        outcome.Should().BeOfType<SubmitOutcome.Accepted>().Which.JobId.Should().Be(HapiPayloads.JobId);
        var (request, body) = handler.Requests.Single();
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri.Should().Be(new Uri("http://organization.fut.svc.cluster.local:8080/fhir/$reindex"));
        request.Headers.GetValues("Prefer").Should().Equal("respond-async");
        request.Headers.Accept.Single().MediaType.Should().Be("application/fhir+json");
        request.Content!.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        request.Headers.Authorization!.ToString().Should().Be("Bearer token-value");
        body.Should().Contain("\"valueString\":\"Organization?\"");
    }

    [TestCase("token-with\ninterior-newline")]
    [TestCase("token-with-\u00e6")]
    [CancelAfter(10_000)]
    public async Task SubmitAsync_TokenThatCannotBeAHeaderValue_SendsNothingAndSaysNotSent(string token, CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted, HapiPayloads.InternalContentLocation));
        using var httpClient = new HttpClient(handler);

        var outcome = await new FhirReindexClient(httpClient).SubmitAsync(Target, Spec, token, cancellationToken);

        outcome.Should().BeOfType<SubmitOutcome.CredentialsUnavailable>().Which.Failure.Message.Should().NotContain("token-with");
        handler.Requests.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PollAsync_TokenThatCannotBeAHeaderValue_SendsNothing(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => Answer(HttpStatusCode.OK, HapiPayloads.Completed, null));
        using var httpClient = new HttpClient(handler);

        var outcome = await new FhirReindexClient(httpClient).PollAsync(Target, PollPaths.For(HapiPayloads.JobId), "a\r\nb", cancellationToken);

        outcome.Should().BeOfType<PollOutcome.CredentialsUnavailable>();
        handler.Requests.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SubmitAsync_JobIdOnlyInContentLocation_ReadsTheRawHeader(CancellationToken cancellationToken)
    {
        const string Body = """{"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational","diagnostics":"accepted"}]}""";
        var handler = new StubHttpHandler(_ => Answer(HttpStatusCode.Accepted, Body, "https://organization.local/fhir/$hapi.fhir.reindex-status?_jobId=job|42"));
        using var httpClient = new HttpClient(handler);

        var outcome = await new FhirReindexClient(httpClient).SubmitAsync(Target, Spec, null, cancellationToken);

        outcome.Should().Be(new SubmitOutcome.Accepted("job|42", true, "accepted"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SubmitAsync_WithoutToken_SendsNoAuthorizationHeader(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted, null));
        using var httpClient = new HttpClient(handler);

        await new FhirReindexClient(httpClient).SubmitAsync(Target, Spec, null, cancellationToken);

        handler.Requests.Single().Request.Headers.Authorization.Should().BeNull();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SubmitAsync_ConnectionRefused_IsNotSent(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)));
        using var httpClient = new HttpClient(handler);

        var outcome = await new FhirReindexClient(httpClient).SubmitAsync(Target, Spec, null, cancellationToken);

        outcome.Should().BeOfType<SubmitOutcome.NotSent>();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SubmitAsync_TimeoutAfterSending_IsMaybeSent(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException()));
        using var httpClient = new HttpClient(handler);

        var outcome = await new FhirReindexClient(httpClient).SubmitAsync(Target, Spec, null, cancellationToken);

        outcome.Should().Be(new SubmitOutcome.MaybeSent("the request may have reached the server: the request timed out"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PollAsync_AfterContentLocationNamedAnotherHost_AsksTheOperatorsOwnBase(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.InProgressGenA, null));
        using var httpClient = new HttpClient(handler);

        var outcome = await new FhirReindexClient(httpClient).PollAsync(Target, PollPaths.For(HapiPayloads.JobId), "token-value", cancellationToken);

        outcome.Should().Be(new PollOutcome.Progress(ServerJobState.InProgress, "$reindex job has started and is in progress"));
        var request = handler.Requests.Single().Request;
        request.Method.Should().Be(HttpMethod.Get);
        request.RequestUri!.Host.Should().Be("organization.fut.svc.cluster.local");
        request.RequestUri.Query.Should().Be($"?_jobId={HapiPayloads.JobId}");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PollAsync_Reset_IsTransient(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        using var httpClient = new HttpClient(handler);

        var outcome = await new FhirReindexClient(httpClient).PollAsync(Target, PollPaths.For("x"), null, cancellationToken);

        outcome.Should().Be(new PollOutcome.Transient("The response ended prematurely."));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PollAsync_CallerCancels_Throws(CancellationToken cancellationToken)
    {
        var handler = new StubHttpHandler(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Queued, null));
        using var httpClient = new HttpClient(handler);
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await cancelled.CancelAsync();

        var poll = () => new FhirReindexClient(httpClient).PollAsync(Target, PollPaths.For("x"), null, cancelled.Token);

        await poll.Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public void CreatePrimaryHandler_DoesNotFollowRedirects()
    {
        using var handler = FhirReindexClient.CreatePrimaryHandler();

        handler.AllowAutoRedirect.Should().BeFalse();
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string? contentLocation)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/fhir+json") };
        if (contentLocation is not null)
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Location", contentLocation);
        }

        return response;
    }
}
