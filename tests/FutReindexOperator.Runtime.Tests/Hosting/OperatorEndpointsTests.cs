using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Runtime.Watching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Hosting;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class OperatorEndpointsTests
{
    private readonly RuntimeHealth _health = new();
    private readonly RuntimeMetrics _metrics = new(Metrics.NewCustomRegistry());
    private readonly FakeTimeProvider _time = new();

    [Test]
    public async Task Readyz_EveryCacheSynced_Answers200WithHealthyFirst()
    {
        _health.Register("reindexjob", () => true);

        var (status, body) = await GetAsync("/readyz");

        status.Should().Be(StatusCodes.Status200OK);
        body.Should().Be("Healthy\ninformers-synced: Healthy: Every cache has synced.\n");
    }

    [Test]
    public async Task Readyz_CacheNotSynced_Answers503NamingTheController()
    {
        _health.Register("reindexjob", () => false);

        var (status, body) = await GetAsync("/readyz");

        status.Should().Be(StatusCodes.Status503ServiceUnavailable);
        body.Should().StartWith("Unhealthy\n").And.Contain("Caches not yet synced: reindexjob.");
    }

    [Test]
    public async Task Healthz_FreshWatches_Answers200()
    {
        _health.Register(new WatchHealth("reindexjob", "all namespaces", TimeSpan.FromMinutes(5), _metrics, _time));

        var (status, body) = await GetAsync("/healthz");

        status.Should().Be(StatusCodes.Status200OK);
        body.Should().StartWith("Healthy\nwatches-fresh: Healthy");
    }

    [Test]
    public async Task Healthz_StalledWatch_Answers503NamingIt()
    {
        _health.Register(new WatchHealth("reindexjob", "all namespaces", TimeSpan.FromMinutes(5), _metrics, _time));
        _time.Advance(TimeSpan.FromMinutes(6));

        var (status, body) = await GetAsync("/healthz");

        status.Should().Be(StatusCodes.Status503ServiceUnavailable);
        body.Should().StartWith("Unhealthy\n").And.Contain("reindexjob 'all namespaces' silent for");
    }

    [Test]
    public async Task Metrics_Get_AnswersThePrometheusTextOfTheRegistry()
    {
        var context = await SendAsync("GET", "/metrics");

        context.Response.ContentType.Should().Be(PrometheusConstants.TextContentTypeWithVersionAndEncoding);
        Body(context).Should().Contain("# TYPE workqueue_depth gauge");
    }

    [Test]
    public async Task UnknownPath_Answers404()
        => (await SendAsync("GET", "/")).Response.StatusCode.Should().Be(StatusCodes.Status404NotFound);

    [Test]
    public async Task Post_Answers405AllowingGetAndHead()
    {
        var context = await SendAsync("POST", "/readyz");

        context.Response.StatusCode.Should().Be(StatusCodes.Status405MethodNotAllowed);
        context.Response.Headers.Allow.ToString().Should().Be("GET, HEAD");
    }

    private async Task<(int Status, string Body)> GetAsync(string path)
    {
        var context = await SendAsync("GET", path);
        return (context.Response.StatusCode, Body(context));
    }

    private async Task<HttpContext> SendAsync(string method, string path)
    {
        var context = new DefaultHttpContext { Request = { Method = method, Path = path }, Response = { Body = new MemoryStream() } };
        await new OperatorEndpoints(_health, _metrics.Registry).ProcessRequestAsync(context);
        return context;
    }

    private static string Body(HttpContext context) => System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
