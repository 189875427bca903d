using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Testing.Conditions;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>Watch scope (a list of namespaces, a label selector) and the event recorder, against the API server.</summary>
public sealed class ScopeAndEventsTests : ApiServerFixture
{
    [Test]
    [CancelAfter(60_000)]
    public async Task NamespaceListAndLabelSelector_OnlyMatchingObjectsAreReconciled(CancellationToken cancellationToken)
    {
        var second = UniqueName("ns");
        var outside = UniqueName("ns");
        foreach (var ns in new[] { second, outside })
        {
            await Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new() { Name = ns } }, cancellationToken: cancellationToken);
        }

        await using var runtime = await StartRuntimeAsync(
            "solo",
            cancellationToken,
            settings =>
            {
                settings["OperatorRuntime:Namespaces:1"] = second;
                settings["OperatorRuntime:LabelSelector"] = "team=search";
            });
        var matching = new[] { (Namespace, UniqueName()), (second, UniqueName()) };
        var ignored = new[] { (outside, UniqueName()), (Namespace, UniqueName()) };
        foreach (var (ns, name) in matching)
        {
            await CreateLabelledAsync(ns, name, "search", cancellationToken);
        }

        await CreateLabelledAsync(ignored[0].Item1, ignored[0].Item2, "search", cancellationToken);
        await CreateLabelledAsync(ignored[1].Item1, ignored[1].Item2, "billing", cancellationToken);

        foreach (var (ns, name) in matching)
        {
            await Eventually.UntilAsync(() => runtime.Script.CallsFor(new ObjectKey(ns, name)) > 0, cancellationToken);
        }

        runtime.Script.Calls.Select(call => call.Key).Should().OnlyContain(key => matching.Contains(new ValueTuple<string, string>(key.Namespace!, key.Name)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RepeatedEvent_IsStoredOnceWithASeriesCount(CancellationToken cancellationToken)
    {
        await using var runtime = await StartRuntimeAsync("solo", cancellationToken);
        var widget = await CreateWidgetAsync(UniqueName(), cancellationToken);
        var recorder = runtime.Services.GetRequiredService<IEventRecorder>();

        for (var repeat = 0; repeat < 3; repeat++)
        {
            recorder.Record(widget, EventSeverity.Warning, "SubmitFailed", "Submit", "the remote refused");
        }

        await Eventually.UntilAsync(
            async token => (await Client.EventsV1.ListNamespacedEventAsync(Namespace, cancellationToken: token)).Items
                .Any(item => item.Series?.Count == 3),
            cancellationToken);
        var events = (await Client.EventsV1.ListNamespacedEventAsync(Namespace, cancellationToken: cancellationToken)).Items;
        var stored = events.Should().ContainSingle().Subject;
        stored.Regarding.Name.Should().Be(widget.Metadata.Name);
        stored.Regarding.Uid.Should().Be(widget.Metadata.Uid);
        stored.Type.Should().Be("Warning");
        stored.ReportingInstance.Should().Be("solo");
    }

    private Task<Widget> CreateLabelledAsync(string ns, string name, string team, CancellationToken cancellationToken)
    {
        var widget = new Widget
        {
            Metadata = new() { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["team"] = team } },
            Spec = new WidgetSpec { Size = 1 },
        };
        return Client.CustomObjects.CreateNamespacedCustomObjectAsync<Widget>(
            widget, Widget.Group, Widget.Version, ns, Widget.Plural, cancellationToken: cancellationToken);
    }
}
