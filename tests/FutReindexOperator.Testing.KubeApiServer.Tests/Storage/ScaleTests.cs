using System.Diagnostics;
using System.Globalization;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Storage;

/// <summary>
/// 10,000 objects and 100 concurrent watchers: functional checks at benchmark scale, bounded in time,
/// printing the throughput measured on the way.
/// </summary>
public sealed class ScaleTests : ServerFixture
{
    private const int ObjectCount = 10_000;
    private const int Watchers = 100;

    private TimeSpan _createDuration;

    [OneTimeSetUp]
    public async Task CreateObjectsAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ObjectCount),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = timeout.Token },
            async (i, ct) =>
            {
                var response = await Http.PostAsync(Manifests.WidgetsPath, Manifests.Widget($"scale-{i:D5}", (i % 100) + 1), ct);
                response.Status.Should().Be(201, response.ToString());
            });
        _createDuration = watch.Elapsed;
    }

    [Test, CancelAfter(10_000)]
    public async Task Ten_thousand_objects_are_stored_with_memory_to_spare(CancellationToken ct)
    {
        GC.Collect();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        await TestContext.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"created {ObjectCount} widgets over HTTP with 16 concurrent clients in {_createDuration.TotalSeconds:F2}s = {ObjectCount / _createDuration.TotalSeconds:F0} creates/s; managed heap of the test process {heap / (1024 * 1024)} MiB"));

        Server.ObjectCount.Should().BeGreaterThanOrEqualTo(ObjectCount);
        heap.Should().BeLessThan(1024L * 1024 * 1024);
        (await Http.GetAsync(Manifests.WidgetPath("scale-00000"), ct)).Status.Should().Be(200);
    }

    [Test, CancelAfter(60_000)]
    public async Task Paging_with_limit_and_continue_returns_every_object_once_in_order(CancellationToken ct)
    {
        var names = new List<string>();
        string? token = null;
        var pages = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            var query = "?limit=500" + (token is null ? "" : "&continue=" + Uri.EscapeDataString(token));
            var page = await Http.GetAsync(Manifests.WidgetsPath + query, ct);
            names.AddRange(page.Body["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
            token = page.Body["metadata"]!["continue"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);
        var pagedTime = watch.Elapsed;

        watch.Restart();
        var whole = await Http.GetAsync(Manifests.WidgetsPath, ct);
        var wholeTime = watch.Elapsed;
        await TestContext.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"list of {ObjectCount}: whole in {wholeTime.TotalMilliseconds:F0} ms ({whole.Text.Length / 1024} KiB); {pages} pages of 500 in {pagedTime.TotalMilliseconds:F0} ms"));

        names.Should().HaveCount(ObjectCount).And.OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        whole.Body["items"]!.AsArray().Should().HaveCount(ObjectCount);
    }

    [Test, CancelAfter(60_000)]
    public async Task A_hundred_concurrent_watchers_all_receive_a_change(CancellationToken ct)
    {
        var from = Server.ResourceVersion;
        var readers = await Task.WhenAll(Enumerable.Range(0, Watchers).Select(_ =>
            WatchReader.OpenAsync(Http.Client, $"{Manifests.WidgetsPath}?watch=true&allowWatchBookmarks=true&resourceVersion={from}", ct)));
        try
        {
            await Eventually.UntilAsync(() => Server.Controls.OpenWatches >= Watchers, ct, TimeSpan.FromSeconds(30), what: "every watcher is subscribed");
            var watch = Stopwatch.StartNew();
            var patched = await Http.PatchAsync(Manifests.WidgetPath("scale-00042"), """{"spec":{"size":99}}""", "application/merge-patch+json", ct);

            var received = await Task.WhenAll(readers.Select(r => r.NextMatchingAsync(e => e["type"]!.GetValue<string>() == "MODIFIED", ct)));
            var fanOut = watch.Elapsed;
            await TestContext.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"watch fan-out: one change reached {Watchers} watchers in {fanOut.TotalMilliseconds:F0} ms (including the PATCH)"));

            patched.Status.Should().Be(200);
            received.Should().HaveCount(Watchers).And.OnlyContain(e => e["object"]!["spec"]!["size"]!.GetValue<int>() == 99);
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task A_label_selected_list_over_ten_thousand_objects_finds_the_matches(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var list = await Http.GetAsync(Manifests.WidgetsPath + "?fieldSelector=metadata.name%3Dscale-09999", ct);
        var elapsed = watch.Elapsed;
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"field-selected list over {ObjectCount}: {elapsed.TotalMilliseconds:F0} ms"));

        list.Body["items"]!.AsArray().Should().ContainSingle();
    }
}
