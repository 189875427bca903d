using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Testing.Conditions;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>The informer against a real API server whose watch streams are cut and whose history is compacted.</summary>
public sealed class WatchResilienceTests : ApiServerFixture
{
    private RuntimeInstance _runtime = null!;

    [SetUp]
    public async Task StartRuntimeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _runtime = await StartRuntimeAsync("solo", timeout.Token);
    }

    [TearDown]
    public async Task StopRuntimeAsync() => await _runtime.DisposeAsync();

    [Test]
    [CancelAfter(60_000)]
    public async Task AllWatchStreamsDroppedRepeatedly_RuntimeReconnectsAndMissesNoEvent(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var dropped = 0;
        for (var round = 0; round < 5; round++)
        {
            await Eventually.UntilAsync(() => Server.Controls.OpenWatches > 0, cancellationToken);
            dropped += Server.Controls.CloseAllWatches();

            // Changes made while the runtime is reconnecting must still arrive.
            var name = UniqueName();
            names.Add(name);
            await CreateWidgetAsync(name, cancellationToken);
            if (names.Count > 1)
            {
                await ResizeWidgetAsync(names[^2], size: 7, cancellationToken);
            }
        }

        foreach (var name in names)
        {
            var expectedGeneration = (await GetWidgetAsync(name, cancellationToken)).Metadata.Generation;
            await Eventually.UntilAsync(
                () => _runtime.Script.Calls.Any(call => call.Key.Name == name && call.Resource.Metadata.Generation == expectedGeneration),
                cancellationToken);
        }

        var exposition = await Metric.ScrapeAsync(_runtime.Metrics.Registry, cancellationToken);
        var restarts = new[] { "closed", "error" }
            .Sum(reason => Metric.Value(exposition, $"operator_runtime_watch_restarts_total{{controller=\"widget\",namespace=\"{Namespace}\",reason=\"{reason}\"}}") ?? 0);
        restarts.Should().BeGreaterThanOrEqualTo(dropped, "every dropped stream is restarted, whether it ended cleanly or with an I/O error");
        dropped.Should().BeGreaterThanOrEqualTo(3);
        (await Metric.ValueAsync(_runtime.Metrics.Registry, $"operator_runtime_watch_relists_total{{controller=\"widget\",namespace=\"{Namespace}\"}}", cancellationToken))
            .Should().Be(1, "a dropped stream resumes from the last resource version; only 410 needs a new list");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task HistoryCompactedWhileDisconnected_RuntimeRelistsAndSeesTheDeletes(CancellationToken cancellationToken)
    {
        var doomed = UniqueName("doomed");
        await CreateWidgetAsync(doomed, cancellationToken);
        await Eventually.UntilAsync(() => _runtime.Script.CallsFor(new ObjectKey(Namespace, doomed)) > 0, cancellationToken);

        // Keep the runtime from watching while the object goes and the history it would resume from is dropped.
        Server.Controls.FailNext("watch", "*widgets*", 503, count: 1_000_000);
        Server.Controls.CloseAllWatches();
        await DeleteWidgetAsync(doomed, cancellationToken);
        var survivor = UniqueName("new");
        await CreateWidgetAsync(survivor, cancellationToken);
        Server.Controls.CompactHistory();
        Server.Controls.Reset();

        await Eventually.UntilAsync(
            () => _runtime.Script.Calls.Any(call => call.Key.Name == doomed && call.IsDeleted), cancellationToken);
        await Eventually.UntilAsync(() => _runtime.Script.CallsFor(new ObjectKey(Namespace, survivor)) > 0, cancellationToken);
        (await Metric.ValueAsync(_runtime.Metrics.Registry, $"operator_runtime_watch_restarts_total{{controller=\"widget\",namespace=\"{Namespace}\",reason=\"expired\"}}", cancellationToken))
            .Should().BeGreaterThanOrEqualTo(1);
        (await Metric.ValueAsync(_runtime.Metrics.Registry, $"operator_runtime_watch_relists_total{{controller=\"widget\",namespace=\"{Namespace}\"}}", cancellationToken))
            .Should().BeGreaterThanOrEqualTo(2);
    }
}
