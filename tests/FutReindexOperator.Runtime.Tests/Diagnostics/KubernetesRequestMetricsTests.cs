using System.Net;
using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Tests.Support;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Diagnostics;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class KubernetesRequestMetricsTests
{
    private static readonly Uri Namespaces = new("http://127.0.0.1:6443/api/v1/namespaces");

    private readonly RuntimeMetrics _metrics = new(Metrics.NewCustomRegistry());
    private readonly FakeTimeProvider _time = new();

    [Test]
    [CancelAfter(5000)]
    public async Task Send_ServerAnswers429_CountsTheCodeMethodAndHostAndTimesTheVerb(CancellationToken cancellationToken)
    {
        using var invoker = Invoker(_ =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(300));
            return new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        });

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Namespaces), cancellationToken);

        var text = await Metric.ScrapeAsync(_metrics.Registry, cancellationToken);
        Metric.Value(text, "rest_client_requests_total{code=\"429\",method=\"GET\",host=\"127.0.0.1:6443\"}").Should().Be(1);
        Metric.Value(text, "rest_client_request_duration_seconds_count{verb=\"GET\",host=\"127.0.0.1:6443\"}").Should().Be(1);
        Metric.Value(text, "rest_client_request_duration_seconds_sum{verb=\"GET\",host=\"127.0.0.1:6443\"}").Should().BeApproximately(0.3, 1e-9);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task KubernetesClient_WithTheHandler_CountsEachApiCallWithItsStatus(CancellationToken cancellationToken)
    {
        var server = new RecordingHandler { Respond = _ => RecordingHandler.Json(HttpStatusCode.ServiceUnavailable, "{}") };
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }, KubernetesRequestMetrics.Create(_metrics, _time), server);

        var list = () => client.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken);

        await list.Should().ThrowAsync<HttpOperationException>();
        (await Metric.ValueAsync(_metrics.Registry, "rest_client_requests_total{code=\"503\",method=\"GET\",host=\"127.0.0.1:1\"}", cancellationToken))
            .Should().Be(1);
    }

    private HttpMessageInvoker Invoker(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        var handler = KubernetesRequestMetrics.Create(_metrics, _time);
        handler.InnerHandler = new Answering(answer);
        return new(handler);
    }

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(answer(request));
    }
}
