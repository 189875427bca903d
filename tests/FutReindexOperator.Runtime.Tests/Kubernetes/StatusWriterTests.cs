using System.Net;
using System.Text.Json.Nodes;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Tests.Support;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace FutReindexOperator.Runtime.Tests.Kubernetes;

public sealed class StatusWriterTests
{
    private RecordingHandler _server = null!;
    private FakeLeaderGate _leadership = null!;
    private StatusWriter _writer = null!;
    private OwnStatusWrites _ownWrites = null!;

    [SetUp]
    public void SetUp()
    {
        _server = new RecordingHandler();
        var types = new ResourceTypeRegistry();
        types.Register(Widget.Type);
        _leadership = new FakeLeaderGate();
        _ownWrites = new OwnStatusWrites(TimeProvider.System);
        _writer = new StatusWriter(_server.CreateClient(), types, _leadership, _ownWrites, NullLogger<StatusWriter>.Instance);
    }

    [TearDown]
    public void TearDown() => _server.Dispose();

    [Test]
    [CancelAfter(5000)]
    public async Task PatchStatusAsync_StatusUnchanged_SendsNothing(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a");
        widget.Status = new WidgetStatus { Phase = "Running", ObservedGeneration = 1 };

        var result = await _writer.PatchStatusAsync(widget, new WidgetStatus { Phase = "Running" }, cancellationToken);

        result.Should().BeSameAs(widget);
        _server.Requests.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task PatchStatusAsync_StatusWrittenWithExplicitNullsUnchanged_SendsNothing(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a");
        widget.Status = new WidgetStatus { Phase = "Done" };

        await _writer.PatchStatusAsync(widget, new ExplicitNullStatus("Done", null), cancellationToken);

        _server.Requests.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task PatchStatusAsync_StatusChanged_SendsOneMergePatchToStatusSubresource(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a");
        _server.Respond = _ => Updated(widget, "Running", "2");

        var result = await _writer.PatchStatusAsync(widget, new WidgetStatus { Phase = "Running" }, cancellationToken);

        var request = _server.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("PATCH");
        request.Path.Should().Be("/apis/test.example.org/v1/namespaces/ns/widgets/a/status");
        request.ContentType.Should().Be("application/merge-patch+json");
        JsonNode.DeepEquals(JsonNode.Parse(request.Body!), JsonNode.Parse("""{"metadata":{"resourceVersion":"1"},"status":{"phase":"Running"}}""")).Should().BeTrue();
        result.Status!.Phase.Should().Be("Running");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task PatchStatusAsync_CarriesTheResourceVersionItWasDecidedOn(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a", resourceVersion: "41");
        _server.Respond = _ => Updated(widget, "Submitting", "42");

        await _writer.PatchStatusAsync(widget, new WidgetStatus { Phase = "Submitting" }, cancellationToken);

        JsonNode.Parse(_server.Requests.Single().Body!)!["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("41");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task PatchStatusAsync_ConflictAndStatusChangedMeanwhile_ThrowsStatusConflictWithoutOverwriting(CancellationToken cancellationToken)
    {
        var newer = Widget.Create("ns", "a", "2");
        newer.Status = new WidgetStatus { Phase = "Succeeded" };
        _server.Respond = request => request.Method == "PATCH"
            ? RecordingHandler.Json(HttpStatusCode.Conflict, """{"kind":"Status","code":409,"reason":"Conflict"}""")
            : RecordingHandler.Json(HttpStatusCode.OK, KubernetesJson.Serialize(newer));

        var write = () => _writer.PatchStatusAsync(Widget.Create("ns", "a"), new WidgetStatus { Phase = "Queued" }, cancellationToken);

        await write.Should().ThrowAsync<StatusConflictException>();
        _server.Requests.Select(request => request.Method).Should().Equal("PATCH", "GET");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task PatchStatusAsync_ConflictOutsideStatusOnly_RetriesOnTheFreshResourceVersion(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a");
        var patches = 0;
        _server.Respond = request => request.Method switch
        {
            "PATCH" when Interlocked.Increment(ref patches) == 1 =>
                RecordingHandler.Json(HttpStatusCode.Conflict, """{"kind":"Status","code":409,"reason":"Conflict"}"""),
            "PATCH" => Updated(widget, "Running", "3"),
            _ => RecordingHandler.Json(HttpStatusCode.OK, KubernetesJson.Serialize(Widget.Create("ns", "a", "2"))),
        };

        var result = await _writer.PatchStatusAsync(widget, new WidgetStatus { Phase = "Running" }, cancellationToken);

        _server.Requests.Select(request => request.Method).Should().Equal("PATCH", "GET", "PATCH");
        JsonNode.Parse(_server.Requests[2].Body!)!["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("2");
        result.Status!.Phase.Should().Be("Running");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task PatchStatusAsync_ConflictEveryTime_GivesUpAfterMaxAttempts(CancellationToken cancellationToken)
    {
        _server.Respond = request => request.Method == "PATCH"
            ? RecordingHandler.Json(HttpStatusCode.Conflict, """{"kind":"Status","code":409,"reason":"Conflict"}""")
            : RecordingHandler.Json(HttpStatusCode.OK, KubernetesJson.Serialize(Widget.Create("ns", "a", "2")));

        var write = () => _writer.PatchStatusAsync(Widget.Create("ns", "a"), new WidgetStatus { Phase = "Running" }, cancellationToken);

        await write.Should().ThrowAsync<StatusConflictException>();
        _server.Requests.Count(request => request.Method == "PATCH").Should().Be(StatusWriter.MaxAttempts);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task PatchStatusAsync_ReplicaNotSureItLeads_SendsNothing(CancellationToken cancellationToken)
    {
        _leadership.IsLeader = false;

        var write = () => _writer.PatchStatusAsync(Widget.Create("ns", "a"), new WidgetStatus { Phase = "Running" }, cancellationToken);

        await write.Should().ThrowAsync<LeadershipUncertainException>();
        _server.Requests.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task MergeStatusAsync_StatusChanged_SendsOneMergePatchWithoutAResourceVersion(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a", resourceVersion: "41");
        _server.Respond = _ => Updated(widget, "Running", "42");

        var result = await _writer.MergeStatusAsync(widget, new WidgetStatus { Phase = "Running" }, cancellationToken);

        var request = _server.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("PATCH");
        request.Path.Should().Be("/apis/test.example.org/v1/namespaces/ns/widgets/a/status");
        request.ContentType.Should().Be("application/merge-patch+json");
        JsonNode.DeepEquals(JsonNode.Parse(request.Body!), JsonNode.Parse("""{"status":{"phase":"Running"}}""")).Should().BeTrue();
        result.Status!.Phase.Should().Be("Running");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task MergeStatusAsync_StatusUnchanged_SendsNothing(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a");
        widget.Status = new WidgetStatus { Phase = "Done" };

        var result = await _writer.MergeStatusAsync(widget, new ExplicitNullStatus("Done", null), cancellationToken);

        result.Should().BeSameAs(widget);
        _server.Requests.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task MergeStatusAsync_ReplicaNotSureItLeads_SendsNothing(CancellationToken cancellationToken)
    {
        _leadership.IsLeader = false;

        var write = () => _writer.MergeStatusAsync(Widget.Create("ns", "a"), new WidgetStatus { Phase = "Running" }, cancellationToken);

        await write.Should().ThrowAsync<LeadershipUncertainException>();
        _server.Requests.Should().BeEmpty();
    }

    [Test]
    public void PatchStatusAsync_UnregisteredKind_NamesApiVersionAndKind()
    {
        var stranger = Widget.Create("ns", "a");
        stranger.Kind = "Gadget";

        var write = () => _writer.PatchStatusAsync(stranger, new WidgetStatus(), CancellationToken.None);

        write.Should().ThrowAsync<InvalidOperationException>().WithMessage("*test.example.org/v1*Gadget*");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task PatchStatusAsync_Answered_TheAnswersVersionIsKnownAsThisProcesssOwnWrite(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a", resourceVersion: "41");
        _server.Respond = _ => Updated(widget, "Running", "42");

        await _writer.PatchStatusAsync(widget, new WidgetStatus { Phase = "Running" }, cancellationToken);

        var woken = false;
        _ownWrites.Saw(Widget.Type, ObjectKey.Of(widget), "42", () => woken = true);
        woken.Should().BeFalse();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task MergeStatusAsync_NoAnswer_NoVersionIsKnownAsOwnAndNoWriteIsLeftUnderWay(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a", resourceVersion: "41");
        _server.Respond = _ => RecordingHandler.Json(HttpStatusCode.InternalServerError, """{"kind":"Status","code":500}""");

        var write = () => _writer.MergeStatusAsync(widget, new WidgetStatus { Phase = "Running" }, cancellationToken);

        await write.Should().ThrowAsync<Exception>();
        var woken = false;
        _ownWrites.Saw(Widget.Type, ObjectKey.Of(widget), "42", () => woken = true);
        woken.Should().BeTrue("a change whose write lost its answer wakes the object once, at once");
    }

    private static HttpResponseMessage Updated(Widget widget, string phase, string resourceVersion)
    {
        var updated = Widget.Create(widget.Metadata.NamespaceProperty, widget.Metadata.Name, resourceVersion);
        updated.Status = new WidgetStatus { Phase = phase };
        return RecordingHandler.Json(HttpStatusCode.OK, KubernetesJson.Serialize(updated));
    }
}

/// <summary>A status shaped like the domain's: absent values are written as explicit nulls to clear them.</summary>
public sealed record ExplicitNullStatus(
    [property: System.Text.Json.Serialization.JsonPropertyName("phase"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? Phase,
    [property: System.Text.Json.Serialization.JsonPropertyName("observedGeneration"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] long? ObservedGeneration);
