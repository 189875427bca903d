using System.Text.Json.Nodes;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Controls;

/// <summary>The same controls over HTTP under /_test, for processes that do not share the server's memory.</summary>
public sealed class ControlEndpointsTests : ServerFixture
{
    [SetUp]
    public void ResetControls() => Server.Controls.Reset();

    [Test, CancelAfter(20_000)]
    public async Task Faults_posted_over_http_fail_the_next_matching_requests(CancellationToken ct)
    {
        var posted = await Http.PostAsync("/_test/faults", JsonNode.Parse("""{"verb":"get","path":"/version","status":503,"count":1}""")!, ct);

        var failed = await Http.GetAsync("/version", ct);
        var next = await Http.GetAsync("/version", ct);

        posted.Status.Should().Be(204, posted.ToString());
        failed.Status.Should().Be(503);
        next.Status.Should().Be(200);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_fault_without_a_status_is_400_naming_the_field(CancellationToken ct)
    {
        var posted = await Http.PostAsync("/_test/faults", JsonNode.Parse("""{"verb":"get","path":"/version"}""")!, ct);

        posted.Status.Should().Be(400, posted.ToString());
        posted.Body["message"]!.GetValue<string>().Should().StartWith("status: Required value");
    }

    [TestCase("""{"status":"500"}""")]
    [TestCase("not json")]
    public async Task A_malformed_fault_is_400(string body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var posted = await Http.SendAsync(HttpMethod.Post, "/_test/faults", body, "application/json", timeout.Token);

        posted.Status.Should().Be(400, posted.ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task Watches_close_and_history_compacts_over_http(CancellationToken ct)
    {
        var before = Server.ResourceVersion;
        await using var watch = await WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=true&resourceVersion={before}", ct);
        await Eventually.UntilAsync(() => Server.Controls.OpenWatches >= 1, ct, what: "the watch is open");
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(UniqueName()), ct);

        var closed = await Http.PostAsync("/_test/watches/close", new JsonObject(), ct);
        var compacted = await Http.PostAsync("/_test/compact", new JsonObject(), ct);
        await using var tooOld = await WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=true&resourceVersion={before}", ct);

        closed.Body["closed"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        compacted.Body["compactedResourceVersion"]!.GetValue<string>().Should().Be(Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await tooOld.NextAsync(ct))!["object"]!["code"]!.GetValue<int>().Should().Be(410);
    }

    [Test, CancelAfter(20_000)]
    public async Task The_request_log_is_served_with_counters(CancellationToken ct)
    {
        await Http.GetAsync(Manifests.WidgetsPath, ct);

        var log = await Http.GetAsync("/_test/requests", ct);

        log.Body["counters"]!.AsArray().Should().Contain(c =>
            c!["verb"]!.GetValue<string>() == "list" && c["resource"]!.GetValue<string>() == "widgets.example.com" && c["count"]!.GetValue<long>() == 1);
        log.Body["recent"]!.AsArray().Should().NotBeEmpty();
    }

    [Test, CancelAfter(20_000)]
    public async Task Latency_and_reset_are_served(CancellationToken ct)
    {
        var latency = await Http.PostAsync("/_test/latency", JsonNode.Parse("""{"milliseconds":1,"verb":"*","path":"/version"}""")!, ct);
        var reset = await Http.PostAsync("/_test/reset", new JsonObject(), ct);

        latency.Status.Should().Be(204);
        reset.Status.Should().Be(204);
        Server.Controls.Faults.LatencyFor("get", "GET", "/version").Should().Be(TimeSpan.Zero);
    }
}
