using System.Diagnostics;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Controls;

public sealed class TestControlsTests : ServerFixture
{
    [SetUp]
    public void ResetControls() => Server.Controls.Reset();

    [Test, CancelAfter(20_000)]
    public async Task Closing_all_watches_ends_every_open_stream(CancellationToken ct)
    {
        await using var first = await WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=true&resourceVersion={Server.ResourceVersion}", ct);
        await using var second = await WatchReader.OpenAsync(Http.Client, $"/api/v1/namespaces?watch=true&resourceVersion={Server.ResourceVersion}", ct);
        await Eventually.UntilAsync(() => Server.Controls.OpenWatches >= 2, ct, what: "both watches are open");

        var closed = Server.Controls.CloseAllWatches();

        closed.Should().BeGreaterThanOrEqualTo(2);
        (await first.NextAsync(ct)).Should().BeNull();
        (await second.NextAsync(ct)).Should().BeNull();
    }

    [TestCase(500, "InternalError")]
    [TestCase(409, "Conflict")]
    public async Task The_next_matching_requests_fail_with_the_chosen_status(int status, string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), timeout.Token);
        Server.Controls.FailNext("patch", "/apis/example.com/v1/namespaces/*/widgets/*/status", status, count: 2);

        var first = await Http.PatchAsync(Manifests.WidgetPath(name) + "/status", """{"status":{"phase":"A"}}""", "application/merge-patch+json", timeout.Token);
        var unmatched = await Http.PatchAsync(Manifests.WidgetPath(name), """{"spec":{"size":2}}""", "application/merge-patch+json", timeout.Token);
        var second = await Http.PatchAsync(Manifests.WidgetPath(name) + "/status", """{"status":{"phase":"B"}}""", "application/merge-patch+json", timeout.Token);
        var third = await Http.PatchAsync(Manifests.WidgetPath(name) + "/status", """{"status":{"phase":"C"}}""", "application/merge-patch+json", timeout.Token);

        first.Status.Should().Be(status);
        first.Body["kind"]!.GetValue<string>().Should().Be("Status");
        first.Body["reason"]!.GetValue<string>().Should().Be(reason);
        unmatched.Status.Should().Be(200);
        second.Status.Should().Be(status);
        third.Status.Should().Be(200);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_429_carries_Retry_After(CancellationToken ct)
    {
        Server.Controls.FailNext("list", "/apis/example.com/v1/*", 429, retryAfterSeconds: 7);

        var response = await Http.GetAsync(Manifests.WidgetsPath, ct);

        response.Status.Should().Be(429);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
        response.Body["reason"]!.GetValue<string>().Should().Be("TooManyRequests");
        response.Body["details"]!["retryAfterSeconds"]!.GetValue<int>().Should().Be(7);
    }

    [Test, CancelAfter(20_000)]
    public async Task Latency_delays_matching_requests(CancellationToken ct)
    {
        Server.Controls.AddLatency(TimeSpan.FromMilliseconds(300), "get", "/version");
        var watch = Stopwatch.StartNew();

        await Http.GetAsync("/version", ct);

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
    }

    [Test, CancelAfter(20_000)]
    public async Task The_request_log_counts_per_verb_and_resource(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);
        await Http.GetAsync(Manifests.WidgetPath(name), ct);
        await Http.GetAsync(Manifests.WidgetPath(name), ct);
        await Http.GetAsync(Manifests.WidgetsPath, ct);
        await Http.PatchAsync(Manifests.WidgetPath(name) + "/status", """{"status":{"phase":"A"}}""", "application/merge-patch+json", ct);

        var requests = Server.Controls.Requests;

        requests.Count("create", "widgets.example.com").Should().Be(1);
        requests.Count("get", "widgets.example.com").Should().Be(2);
        requests.Count("list", "widgets.example.com").Should().Be(1);
        requests.Count("patch", "widgets.example.com/status").Should().Be(1);
        requests.Recent.Should().Contain(r => r.Verb == "patch" && r.StatusCode == 200 && r.Path == Manifests.WidgetPath(name) + "/status");
    }

    [Test, CancelAfter(20_000)]
    public async Task Reset_clears_faults_latency_and_the_log(CancellationToken ct)
    {
        Server.Controls.FailNext("*", "*", 500, count: 100);
        Server.Controls.Reset();

        var response = await Http.GetAsync("/version", ct);

        response.Status.Should().Be(200);
        Server.Controls.Requests.Recent.Should().ContainSingle();
    }
}
