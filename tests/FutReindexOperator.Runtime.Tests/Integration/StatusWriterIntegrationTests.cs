using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>Status writes against the API server, counted in its request log.</summary>
public sealed class StatusWriterIntegrationTests : ApiServerFixture
{
    private StatusWriter _statusWriter = null!;

    [SetUp]
    public void CreateWriters()
    {
        var types = new ResourceTypeRegistry();
        types.Register(Widget.Type);
        _statusWriter = new StatusWriter(Client, types, new AlwaysLeaderGate(), new OwnStatusWrites(TimeProvider.System), NullLogger<StatusWriter>.Instance);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task StatusPatchConflict_IsRetriedOnAFreshReadAndLands(CancellationToken cancellationToken)
    {
        var widget = await CreateWidgetAsync(UniqueName(), cancellationToken);
        Server.Controls.FailNext("patch", "*/status", 409, count: 2);

        var updated = await _statusWriter.PatchStatusAsync(widget, new WidgetStatus { Phase = "Running" }, cancellationToken);

        updated.Status!.Phase.Should().Be("Running");
        (await GetWidgetAsync(widget.Metadata.Name, cancellationToken)).Status!.Phase.Should().Be("Running");
        var writes = Server.Controls.Requests.Recent.Where(request => request.Resource.EndsWith("/status", StringComparison.Ordinal)).ToList();
        writes.Select(request => request.StatusCode).Should().Equal(409, 409, 200);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task StatusPatchDecidedOnAStaleStatus_FailsWithStatusConflictAndLeavesTheNewerStatus(CancellationToken cancellationToken)
    {
        var stale = await CreateWidgetAsync(UniqueName(), cancellationToken);
        await _statusWriter.PatchStatusAsync(stale, new WidgetStatus { Phase = "Succeeded" }, cancellationToken);

        var write = () => _statusWriter.PatchStatusAsync(stale, new WidgetStatus { Phase = "Queued" }, cancellationToken);

        await write.Should().ThrowAsync<StatusConflictException>();
        (await GetWidgetAsync(stale.Metadata.Name, cancellationToken)).Status!.Phase.Should().Be("Succeeded");
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task PlainStatusMergeAfterAnotherWritersChange_LandsWithoutAConflictAndKeepsWhatItDoesNotName(CancellationToken cancellationToken)
    {
        var stale = await CreateWidgetAsync(UniqueName(), cancellationToken);
        await _statusWriter.PatchStatusAsync(stale, new WidgetStatus { Phase = "Running" }, cancellationToken);
        Server.Controls.Reset();

        var written = await _statusWriter.MergeStatusAsync(stale, new WidgetStatus { ObservedGeneration = 1 }, cancellationToken);

        written.Status!.ObservedGeneration.Should().Be(1);
        var stored = (await GetWidgetAsync(stale.Metadata.Name, cancellationToken)).Status!;
        stored.Phase.Should().Be("Running", "the plain merge patch names only observedGeneration");
        stored.ObservedGeneration.Should().Be(1);
        Server.Controls.Requests.Recent.Where(request => request.Resource.EndsWith("/status", StringComparison.Ordinal))
            .Select(request => request.StatusCode).Should().Equal(200);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task StatusPatchOnObjectWhoseSpecChangedSince_LandsOnTheFreshVersion(CancellationToken cancellationToken)
    {
        var stale = await CreateWidgetAsync(UniqueName(), cancellationToken);
        await ResizeWidgetAsync(stale.Metadata.Name, size: 9, cancellationToken);

        var written = await _statusWriter.PatchStatusAsync(stale, new WidgetStatus { Phase = "Submitting" }, cancellationToken);

        written.Status!.Phase.Should().Be("Submitting");
        (await GetWidgetAsync(stale.Metadata.Name, cancellationToken)).Status!.Phase.Should().Be("Submitting");
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task StatusPatchWithUnchangedStatus_SendsNoRequest(CancellationToken cancellationToken)
    {
        var widget = await CreateWidgetAsync(UniqueName(), cancellationToken);
        var written = await _statusWriter.PatchStatusAsync(widget, new WidgetStatus { Phase = "Running", ObservedGeneration = 1 }, cancellationToken);
        Server.Controls.Reset();

        await _statusWriter.PatchStatusAsync(written, new WidgetStatus { Phase = "Running", ObservedGeneration = 1 }, cancellationToken);

        Server.Controls.Requests.Recent.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task StatusWithExplicitNulls_ClearsFieldsOnceThenSendsNothing(CancellationToken cancellationToken)
    {
        var widget = await CreateWidgetAsync(UniqueName(), cancellationToken);
        var running = await _statusWriter.PatchStatusAsync(widget, new WidgetStatus { Phase = "Running", ObservedGeneration = 1 }, cancellationToken);
        var cleared = new System.Text.Json.Nodes.JsonObject { ["phase"] = "Done", ["observedGeneration"] = null };

        var done = await _statusWriter.PatchStatusAsync(running, cleared, cancellationToken);
        Server.Controls.Reset();
        await _statusWriter.PatchStatusAsync(done, cleared, cancellationToken);

        done.Status!.ObservedGeneration.Should().BeNull();
        done.Status.Phase.Should().Be("Done");
        Server.Controls.Requests.Recent.Should().BeEmpty();
    }
}
