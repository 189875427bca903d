using System.Text.Json.Nodes;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Tests.Support;
using k8s;

namespace FutReindexOperator.Runtime.Tests.Kubernetes;

public sealed class FinalizerWriterTests
{
    private const string Cleanup = "example.org/cleanup";
    private RecordingHandler _server = null!;
    private FinalizerWriter _writer = null!;

    [SetUp]
    public void SetUp()
    {
        _server = new RecordingHandler { Respond = _ => RecordingHandler.Json(System.Net.HttpStatusCode.OK, KubernetesJson.Serialize(Widget.Create("ns", "a", "9"))) };
        var types = new ResourceTypeRegistry();
        types.Register(Widget.Type);
        _writer = new FinalizerWriter(_server.CreateClient(), types);
    }

    [TearDown]
    public void TearDown() => _server.Dispose();

    [Test]
    [CancelAfter(5000)]
    public async Task AddAsync_NoFinalizersYet_TestsResourceVersionThenAddsList(CancellationToken cancellationToken)
    {
        await _writer.AddAsync(Widget.Create("ns", "a", "5"), Cleanup, cancellationToken);

        var request = _server.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("PATCH");
        request.Path.Should().Be("/apis/test.example.org/v1/namespaces/ns/widgets/a");
        request.ContentType.Should().Be("application/json-patch+json");
        ShouldBe(request.Body, """
            [{"op":"test","path":"/metadata/resourceVersion","value":"5"},
             {"op":"add","path":"/metadata/finalizers","value":["example.org/cleanup"]}]
            """);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AddAsync_OtherFinalizersPresent_TestsWholeListThenAppends(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a");
        widget.Metadata.Finalizers = ["other.org/keep"];

        await _writer.AddAsync(widget, Cleanup, cancellationToken);

        ShouldBe(_server.Requests.Single().Body, """
            [{"op":"test","path":"/metadata/finalizers","value":["other.org/keep"]},
             {"op":"add","path":"/metadata/finalizers/-","value":"example.org/cleanup"}]
            """);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AddAsync_AlreadyPresent_SendsNothing(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a");
        widget.Metadata.Finalizers = [Cleanup];

        (await _writer.AddAsync(widget, Cleanup, cancellationToken)).Should().BeSameAs(widget);
        _server.Requests.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RemoveAsync_Present_TestsEntryAtIndexThenRemovesIt(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a");
        widget.Metadata.Finalizers = ["other.org/keep", Cleanup];

        await _writer.RemoveAsync(widget, Cleanup, cancellationToken);

        ShouldBe(_server.Requests.Single().Body, """
            [{"op":"test","path":"/metadata/finalizers/1","value":"example.org/cleanup"},
             {"op":"remove","path":"/metadata/finalizers/1"}]
            """);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RemoveAsync_Absent_SendsNothing(CancellationToken cancellationToken)
    {
        await _writer.RemoveAsync(Widget.Create("ns", "a"), Cleanup, cancellationToken);

        _server.Requests.Should().BeEmpty();
    }

    private static void ShouldBe(string? body, string expected) =>
        JsonNode.DeepEquals(JsonNode.Parse(body!), JsonNode.Parse(expected)).Should().BeTrue($"the patch was {body}");
}
