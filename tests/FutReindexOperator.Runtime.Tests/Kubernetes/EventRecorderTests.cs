using System.Net;
using System.Text.Json.Nodes;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Testing.Conditions;
using Microsoft.Extensions.Logging.Abstractions;

namespace FutReindexOperator.Runtime.Tests.Kubernetes;

public sealed class EventRecorderTests
{
    private SteppingTimeProvider _time = null!;
    private RecordingHandler _server = null!;
    private EventRecorder _recorder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new SteppingTimeProvider();
        _server = new RecordingHandler { Respond = Created };
        _recorder = new EventRecorder(
            _server.CreateClient(), new EventRecorderOptions("widget-operator", "pod-1") { Burst = 3 }, _time, NullLogger<EventRecorder>.Instance);
        await _recorder.StartAsync(CancellationToken.None);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _recorder.StopAsync(CancellationToken.None);
        _recorder.Dispose();
        _server.Dispose();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Record_FirstTime_CreatesEventsV1EventAboutTheObject(CancellationToken cancellationToken)
    {
        _recorder.Record(Widget.Create("ns", "a"), EventSeverity.Warning, "SubmitFailed", "Submit", "remote said no");

        await Eventually.UntilAsync(() => _server.Requests.Count == 1, cancellationToken);
        var request = _server.Requests.Single();
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/apis/events.k8s.io/v1/namespaces/ns/events");
        var body = JsonNode.Parse(request.Body!)!;
        body["type"]!.GetValue<string>().Should().Be("Warning");
        body["reason"]!.GetValue<string>().Should().Be("SubmitFailed");
        body["action"]!.GetValue<string>().Should().Be("Submit");
        body["note"]!.GetValue<string>().Should().Be("remote said no");
        body["reportingController"]!.GetValue<string>().Should().Be("widget-operator");
        body["reportingInstance"]!.GetValue<string>().Should().Be("pod-1");
        body["regarding"]!["name"]!.GetValue<string>().Should().Be("a");
        body["regarding"]!["kind"]!.GetValue<string>().Should().Be("Widget");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Record_SameEventAgain_PatchesSeriesOfStoredEvent(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a");
        _recorder.Record(widget, EventSeverity.Warning, "SubmitFailed", "Submit", "remote said no");
        await Eventually.UntilAsync(() => _server.Requests.Count == 1, cancellationToken);

        _time.Advance(TimeSpan.FromMinutes(1));
        _recorder.Record(widget, EventSeverity.Warning, "SubmitFailed", "Submit", "remote said no");
        await Eventually.UntilAsync(() => _server.Requests.Count == 2, cancellationToken);

        var patch = _server.Requests[1];
        patch.Method.Should().Be("PATCH");
        patch.Path.Should().Be("/apis/events.k8s.io/v1/namespaces/ns/events/a.stored");
        patch.ContentType.Should().Be("application/merge-patch+json");
        JsonNode.Parse(patch.Body!)!["series"]!["count"]!.GetValue<int>().Should().Be(2);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Record_ApiFails_NeitherThrowsNorStopsLaterEvents(CancellationToken cancellationToken)
    {
        _server.Respond = request => _server.Requests.Count == 1
            ? RecordingHandler.Json(HttpStatusCode.InternalServerError, """{"kind":"Status","code":500}""")
            : Created(request);

        var record = () => _recorder.Record(Widget.Create("ns", "a"), EventSeverity.Normal, "First", "Act", "one");
        record.Should().NotThrow();
        _recorder.Record(Widget.Create("ns", "a"), EventSeverity.Normal, "Second", "Act", "two");

        await Eventually.UntilAsync(() => _server.Requests.Count == 2, cancellationToken);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Record_MoreThanBurstAboutOneObject_WritesOnlyBurstUntilRefilled(CancellationToken cancellationToken)
    {
        var widget = Widget.Create("ns", "a");
        for (var index = 0; index < 5; index++)
        {
            _recorder.Record(widget, EventSeverity.Normal, "Step", "Act", $"step {index}");
        }

        _recorder.Record(Widget.Create("ns", "other"), EventSeverity.Normal, "Step", "Act", "other object");
        await Eventually.UntilAsync(() => _server.Requests.Any(request => request.Body!.Contains("other object", StringComparison.Ordinal)), cancellationToken);

        _server.Requests.Count(request => request.Body!.Contains("\"name\":\"a\"", StringComparison.Ordinal)).Should().Be(3);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task Record_OneReasonBeyondItsBurst_DoesNotStarveAnotherReasonAboutTheSameObject(CancellationToken cancellationToken)
    {
        var plan = Widget.Create("ns", "plan");
        for (var index = 0; index < 5; index++)
        {
            _recorder.Record(plan, EventSeverity.Normal, "ChildSucceeded", "Track", $"child {index} succeeded");
        }

        _recorder.Record(plan, EventSeverity.Normal, "Completed", "Track", "every child succeeded");
        await Eventually.UntilAsync(() => _server.Requests.Any(request => request.Body!.Contains("every child succeeded", StringComparison.Ordinal)), cancellationToken);

        _server.Requests.Count(request => request.Body!.Contains("\"reason\":\"ChildSucceeded\"", StringComparison.Ordinal)).Should().Be(3);
    }

    private static HttpResponseMessage Created(RecordedRequest request)
    {
        if (request.Method != "POST")
        {
            return RecordingHandler.Json(HttpStatusCode.OK, request.Body!);
        }

        var body = JsonNode.Parse(request.Body!)!;
        body["metadata"]!["name"] = body["regarding"]!["name"]!.GetValue<string>() + ".stored";
        return RecordingHandler.Json(HttpStatusCode.Created, body.ToJsonString());
    }
}
