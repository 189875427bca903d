using System.Net;
using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Runtime.Tests.Diagnostics;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RequestMetricsHandlerTests
{
    private static readonly Uri Somewhere = new("http://127.0.0.1:8080/fhir/$reindex");

    private readonly FakeTimeProvider _time = new();
    private readonly List<(HttpMethod Method, string Code, TimeSpan Duration)> _recorded = [];

    [Test]
    [CancelAfter(5000)]
    public async Task Send_ServerAnswers_RecordsTheRequestItsCodeAndTheTimeUntilTheHeaders(CancellationToken cancellationToken)
    {
        using var invoker = Invoker(_ =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(300));
            return new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        });

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Somewhere), cancellationToken);

        _recorded.Should().Equal((HttpMethod.Get, "429", TimeSpan.FromMilliseconds(300)));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Send_NoResponse_RecordsTheErrorCodeAndRethrows(CancellationToken cancellationToken)
    {
        using var invoker = Invoker(_ => throw new HttpRequestException("connection refused"));

        var send = () => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, Somewhere), cancellationToken);

        await send.Should().ThrowAsync<HttpRequestException>();
        _recorded.Should().Equal((HttpMethod.Post, "<error>", TimeSpan.Zero));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Send_TimedOutWithoutTheCallerCancelling_RecordsTheErrorCode(CancellationToken cancellationToken)
    {
        using var invoker = Invoker(_ => throw new TaskCanceledException("The request timed out."));

        var send = () => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Somewhere), cancellationToken);

        await send.Should().ThrowAsync<TaskCanceledException>();
        _recorded.Should().ContainSingle().Which.Code.Should().Be(RequestMetricsHandler.NoResponseCode);
    }

    [Test]
    public async Task Send_CallerCancels_RecordsNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var invoker = Invoker(_ => throw new OperationCanceledException(cancelled.Token));

        var send = () => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Somewhere), cancelled.Token);

        await send.Should().ThrowAsync<OperationCanceledException>();
        _recorded.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AddRequestMetrics_ClientRequest_IsRecordedByTheRecorderTheProviderMakes(CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_time);
        services.AddHttpClient("fhir")
            .ConfigurePrimaryHttpMessageHandler(() => new Answering(_ => new HttpResponseMessage(HttpStatusCode.Accepted)))
            .AddRequestMetrics(_ => Record);
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("fhir");

        using var response = await client.PostAsync(Somewhere, null, cancellationToken);

        _recorded.Should().Equal((HttpMethod.Post, "202", TimeSpan.Zero));
    }

    private void Record(HttpRequestMessage request, string code, TimeSpan duration) => _recorded.Add((request.Method, code, duration));

    private HttpMessageInvoker Invoker(Func<HttpRequestMessage, HttpResponseMessage> answer)
        => new(new RequestMetricsHandler(_time, Record) { InnerHandler = new Answering(answer) });

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(answer(request));
    }
}
