using System.Net;
using System.Text;
using FutReindexOperator.Diagnostics;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Tests.Fhir;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace FutReindexOperator.Tests.Diagnostics;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class FhirRequestMetricsTests : IDisposable
{
    private static readonly FhirBase Base = new(new Uri("http://127.0.0.1:18080/organization/fhir"));

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly FakeTimeProvider _time = new();
    private ReindexMetrics _metrics = null!;
    private ServiceProvider? _provider;

    [SetUp]
    public void SetUp() => _metrics = new ReindexMetrics(_registry);

    public void Dispose() => _provider?.Dispose();

    [Test]
    [CancelAfter(10_000)]
    public async Task PollAsync_WithinATargetScope_CountsTheRequestUnderThatTargetMethodAndCode(CancellationToken cancellationToken)
    {
        var client = Client(_ =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("no healthy upstream") };
        });

        using (FhirRequestMetrics.ForTarget("fut/organization"))
        {
            await client.PollAsync(Base, "$hapi.fhir.reindex-status?_jobId=1", null, cancellationToken);
        }

        var text = await ExportAsync();
        text.Should().Contain("fut_reindex_fhir_requests_total{target=\"fut/organization\",method=\"GET\",code=\"503\"} 1");
        text.Should().Contain("fut_reindex_fhir_request_duration_seconds_sum{target=\"fut/organization\",method=\"GET\"} 0.25");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SubmitAsync_NoResponse_CountsTheErrorCode(CancellationToken cancellationToken)
    {
        var client = Client(_ => throw new HttpRequestException("connection refused"));

        using (FhirRequestMetrics.ForTarget("fut/organization"))
        {
            await client.SubmitAsync(Base, new ReindexJobSpec { Urls = ["Organization?"] }, null, cancellationToken);
        }

        (await ExportAsync()).Should().Contain("fut_reindex_fhir_requests_total{target=\"fut/organization\",method=\"POST\",code=\"<error>\"} 1");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ForTarget_Disposed_RestoresTheOuterTarget(CancellationToken cancellationToken)
    {
        var client = Client(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });

        using (FhirRequestMetrics.ForTarget("fut/outer"))
        {
            using (FhirRequestMetrics.ForTarget("fut/inner"))
            {
                await client.PollAsync(Base, "status", null, cancellationToken);
            }

            await client.PollAsync(Base, "status", null, cancellationToken);
        }

        await client.PollAsync(Base, "status", null, cancellationToken);
        var text = await ExportAsync();
        text.Should().Contain("fut_reindex_fhir_requests_total{target=\"fut/inner\",method=\"GET\",code=\"200\"} 1");
        text.Should().Contain("fut_reindex_fhir_requests_total{target=\"fut/outer\",method=\"GET\",code=\"200\"} 1");
        text.Should().Contain($"fut_reindex_fhir_requests_total{{target=\"{FhirRequestMetrics.UnknownTarget}\",method=\"GET\",code=\"200\"}} 1");
    }

    private FhirReindexClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_time);
        services.AddHttpClient<FhirReindexClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new StubHttpHandler(answer))
            .AddRequestMetrics(_ => FhirRequestMetrics.Recorder(_metrics));
        _provider = services.BuildServiceProvider();
        return _provider.GetRequiredService<FhirReindexClient>();
    }

    private async Task<string> ExportAsync()
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
