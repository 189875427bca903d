using System.Text.Json.Nodes;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Testing.Conditions;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>
/// Issue 13 #1 (I6): an object the API server accepts under the schema but the model cannot read (here a size beyond
/// the model's 32-bit integer) never fails the list or the watch of the namespace.
/// </summary>
public sealed class UnreadableObjectTests : ApiServerFixture
{
    [Test]
    [CancelAfter(60_000)]
    public async Task UnreadableObjectInTheList_IsSkippedAndReportedWhileTheOthersAreReconciled(CancellationToken cancellationToken)
    {
        var unreadable = await CreateOversizedAsync(UniqueName("bad"), cancellationToken);
        var before = await CreateWidgetAsync(UniqueName(), cancellationToken);

        await using var runtime = await StartRuntimeAsync("solo", cancellationToken);
        var after = await CreateWidgetAsync(UniqueName(), cancellationToken);

        await Eventually.UntilAsync(() => runtime.Script.CallsFor(ObjectKey.Of(before)) > 0 && runtime.Script.CallsFor(ObjectKey.Of(after)) > 0, cancellationToken);
        await Eventually.UntilAsync(
            async token => (await GetWidgetAsync(after.Metadata.Name, token)).Status?.Phase == "Reconciled", cancellationToken);
        var warning = await WarningAboutAsync(unreadable, cancellationToken);
        warning.Note.Should().Contain("cannot read this Widget");
        runtime.Script.Calls.Should().NotContain(call => call.Key.Name == unreadable);
        (await Metric.ValueAsync(runtime.Metrics.Registry, $"operator_runtime_watch_unreadable_objects_total{{controller=\"widget\",namespace=\"{Namespace}\"}}", cancellationToken))
            .Should().BeGreaterThanOrEqualTo(1);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ObjectTurnedUnreadableOnTheWatch_IsDroppedFromTheCacheAndTheWatchGoesOn(CancellationToken cancellationToken)
    {
        await using var runtime = await StartRuntimeAsync("solo", cancellationToken);
        var turning = await CreateWidgetAsync(UniqueName(), cancellationToken);
        await Eventually.UntilAsync(() => runtime.Script.CallsFor(ObjectKey.Of(turning)) > 0, cancellationToken);

        await PatchSizeAsync(turning.Metadata.Name, 9_999_999_999, cancellationToken);
        var later = await CreateWidgetAsync(UniqueName(), cancellationToken);

        await Eventually.UntilAsync(() => runtime.Script.CallsFor(ObjectKey.Of(later)) > 0, cancellationToken);
        await WarningAboutAsync(turning.Metadata.Name, cancellationToken);
        await Eventually.UntilAsync(() => runtime.Script.Calls.Any(call => call.Key == ObjectKey.Of(turning) && call.IsDeleted), cancellationToken);

        // Fixed by its owner: read again and reconciled as current.
        await PatchSizeAsync(turning.Metadata.Name, 2, cancellationToken);
        await Eventually.UntilAsync(() => runtime.Script.Calls.Any(call => call.Key == ObjectKey.Of(turning) && !call.IsDeleted && call.Resource.Spec!.Size == 2), cancellationToken);
    }

    private async Task<string> CreateOversizedAsync(string name, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = $"{Widget.Group}/{Widget.Version}",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
            ["spec"] = new JsonObject { ["size"] = 9_999_999_999 },
        };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(body, Widget.Group, Widget.Version, Namespace, Widget.Plural, cancellationToken: cancellationToken);
        return name;
    }

    private Task<JsonObject> PatchSizeAsync(string name, long size, CancellationToken cancellationToken) =>
        Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["size"] = size } }, V1Patch.PatchType.MergePatch),
            Widget.Group,
            Widget.Version,
            Namespace,
            Widget.Plural,
            name,
            cancellationToken: cancellationToken);

    private Task<Eventsv1Event> WarningAboutAsync(string name, CancellationToken cancellationToken) =>
        Eventually.UntilAsync(
            async token => (await Client.EventsV1.ListNamespacedEventAsync(Namespace, cancellationToken: token)).Items
                .FirstOrDefault(item => item.Regarding.Name == name && item.Type == "Warning" && item.Reason == "Unreadable"),
            _ => true,
            cancellationToken);
}
