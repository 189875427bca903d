using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Watch;

public sealed class WatchStreamerTests : ServerFixture
{
    protected override KubeApiServerOptions Options => new() { Port = 0, BookmarkInterval = TimeSpan.FromMilliseconds(200) };

    private static string Name(JsonObject e) => e["object"]!["metadata"]!["name"]!.GetValue<string>();

    private async Task<string> ListVersionAsync(CancellationToken ct) =>
        (await Http.GetAsync(Manifests.WidgetsPath, ct)).Body["metadata"]!["resourceVersion"]!.GetValue<string>();

    [Test, CancelAfter(20_000)]
    public async Task A_watch_streams_added_modified_and_deleted_as_chunked_newline_delimited_json(CancellationToken ct)
    {
        var name = UniqueName();
        await using var watch = await WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=true&resourceVersion={await ListVersionAsync(ct)}", ct);
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);
        await Http.PatchAsync(Manifests.WidgetPath(name), """{"spec":{"size":5}}""", "application/merge-patch+json", ct);
        await Http.DeleteAsync(Manifests.WidgetPath(name), ct);

        var added = await watch.NextMatchingAsync(e => Name(e) == name, ct);
        var modified = await watch.NextMatchingAsync(e => Name(e) == name, ct);
        var deleted = await watch.NextMatchingAsync(e => Name(e) == name, ct);

        watch.TransferEncoding.Should().Be("chunked");
        added["type"]!.GetValue<string>().Should().Be("ADDED");
        modified["type"]!.GetValue<string>().Should().Be("MODIFIED");
        modified["object"]!["spec"]!["size"]!.GetValue<int>().Should().Be(5);
        deleted["type"]!.GetValue<string>().Should().Be("DELETED");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_watch_asked_for_with_Python_style_True_streams_and_sends_bookmarks(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);

        await using var watch = await WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=True&allowWatchBookmarks=True&fieldSelector=metadata.name={name}", ct);
        var first = await watch.NextAsync(ct);
        var bookmark = await watch.NextMatchingAsync(e => e["type"]!.GetValue<string>() == "BOOKMARK", ct);

        (first!["type"]!.GetValue<string>(), Name(first)).Should().Be(("ADDED", name));
        bookmark["object"]!["metadata"]!["resourceVersion"].Should().NotBeNull();
    }

    [Test, CancelAfter(20_000)]
    public async Task A_list_with_sendInitialEvents_is_refused_as_invalid_list_options(CancellationToken ct)
    {
        var response = await Http.GetAsync($"{Manifests.WidgetsPath}?sendInitialEvents=false", ct);

        response.Status.Should().Be(422, response.ToString());
        response.Body["message"]!.GetValue<string>().Should().Be("ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_watch_with_a_timeout_that_is_not_a_number_is_a_bad_request(CancellationToken ct)
    {
        var response = await Http.GetAsync($"{Manifests.WidgetsPath}?watch=1&timeoutSeconds=ten", ct);

        response.Status.Should().Be(400, response.ToString());
        response.Body["message"]!.GetValue<string>().Should().Be("strconv.ParseInt: parsing \"ten\": invalid syntax");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_watch_without_a_resource_version_starts_with_the_current_objects(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);

        await using var watch = await WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=true&fieldSelector=metadata.name={name}", ct);
        var first = await watch.NextAsync(ct);

        first!["type"]!.GetValue<string>().Should().Be("ADDED");
        Name(first).Should().Be(name);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_watch_replays_retained_changes_after_the_given_resource_version(CancellationToken ct)
    {
        var version = await ListVersionAsync(ct);
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);

        await using var watch = await WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=true&resourceVersion={version}", ct);
        var replayed = await watch.NextMatchingAsync(e => Name(e) == name, ct);

        replayed["type"]!.GetValue<string>().Should().Be("ADDED");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_watch_honours_the_label_selector_and_turns_leaving_it_into_DELETED(CancellationToken ct)
    {
        var name = UniqueName();
        var other = UniqueName();
        await using var watch = await WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=true&labelSelector=team%3Dblue&resourceVersion={await ListVersionAsync(ct)}", ct);
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(other, labels: new JsonObject { ["team"] = "red" }), ct);
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name, labels: new JsonObject { ["team"] = "blue" }), ct);
        await Http.PatchAsync(Manifests.WidgetPath(name), """{"metadata":{"labels":{"team":"green"}}}""", "application/merge-patch+json", ct);

        var first = await watch.NextAsync(ct);
        var second = await watch.NextAsync(ct);

        (first!["type"]!.GetValue<string>(), Name(first)).Should().Be(("ADDED", name));
        (second!["type"]!.GetValue<string>(), Name(second)).Should().Be(("DELETED", name));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_watch_that_allows_bookmarks_receives_them_periodically(CancellationToken ct)
    {
        await using var watch = await WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=true&allowWatchBookmarks=true&resourceVersion={await ListVersionAsync(ct)}", ct);

        var bookmark = await watch.NextMatchingAsync(e => e["type"]!.GetValue<string>() == "BOOKMARK", ct);

        bookmark["object"]!["kind"]!.GetValue<string>().Should().Be("Widget");
        bookmark["object"]!["apiVersion"]!.GetValue<string>().Should().Be("example.com/v1");
        long.Parse(bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
    }

    [Test, CancelAfter(20_000)]
    public async Task A_watch_ends_after_timeoutSeconds(CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        await using var watch = await WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=true&timeoutSeconds=1&resourceVersion={await ListVersionAsync(ct)}", ct);

        var end = await watch.NextAsync(ct);

        end.Should().BeNull();
        (DateTime.UtcNow - started).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900)).And.BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_watch_from_a_compacted_resource_version_gets_an_ERROR_event_with_a_410_Status(CancellationToken ct)
    {
        var old = await ListVersionAsync(ct);
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(UniqueName()), ct);
        Server.Controls.CompactHistory();

        await using var watch = await WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=true&resourceVersion={old}", ct);
        var error = await watch.NextAsync(ct);

        watch.Status.Should().Be(200);
        error!["type"]!.GetValue<string>().Should().Be("ERROR");
        error["object"]!["kind"]!.GetValue<string>().Should().Be("Status");
        error["object"]!["code"]!.GetValue<int>().Should().Be(410);
        error["object"]!["reason"]!.GetValue<string>().Should().Be("Expired");
        error["object"]!["message"]!.GetValue<string>().Should().StartWith($"too old resource version: {old} (");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_table_watch_sends_rows_with_the_printer_columns(CancellationToken ct)
    {
        var name = UniqueName();
        await using var watch = await WatchReader.OpenAsync(
            Http.Client, $"{Manifests.WidgetsPath}?watch=true&resourceVersion={await ListVersionAsync(ct)}", ct, "application/json;as=Table;v=v1;g=meta.k8s.io");
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name, 6), ct);

        var added = await watch.NextAsync(ct);

        added!["object"]!["kind"]!.GetValue<string>().Should().Be("Table");
        added["object"]!["rows"]![0]!["cells"]![0]!.GetValue<string>().Should().Be(name);
        added["object"]!["rows"]![0]!["cells"]![1]!.GetValue<int>().Should().Be(6);
    }

    [Test, CancelAfter(20_000)]
    public async Task SendInitialEvents_sends_the_current_objects_then_the_initial_events_end_bookmark(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);

        await using var watch = await WatchReader.OpenAsync(
            Http.Client, $"{Manifests.WidgetsPath}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&fieldSelector=metadata.name%3D{name}", ct);
        var added = await watch.NextAsync(ct);
        var end = await watch.NextMatchingAsync(e => e["type"]!.GetValue<string>() == "BOOKMARK", ct);

        (added!["type"]!.GetValue<string>(), Name(added)).Should().Be(("ADDED", name));
        end["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>().Should().Be("true");
    }
}
