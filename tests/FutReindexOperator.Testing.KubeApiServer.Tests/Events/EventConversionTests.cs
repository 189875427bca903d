using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Events;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Events;

public sealed class EventConversionTests
{
    [Test]
    public void ToEventsV1_CoreEvent_RenamesTheFieldsLikeTheRealConversion()
    {
        var core = (JsonObject)JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"e"},"involvedObject":{"name":"w"},"message":"m","reason":"R",
             "source":{"component":"c"},"firstTimestamp":"t1","lastTimestamp":"t2","count":3,"reportingComponent":"rc","type":"Normal"}
            """)!;

        var converted = EventConversion.ToEventsV1(core);

        JsonNode.DeepEquals(converted, JsonNode.Parse("""
            {"kind":"Event","apiVersion":"events.k8s.io/v1","metadata":{"name":"e"},"regarding":{"name":"w"},"note":"m","reason":"R",
             "deprecatedSource":{"component":"c"},"deprecatedFirstTimestamp":"t1","deprecatedLastTimestamp":"t2","deprecatedCount":3,"reportingController":"rc","type":"Normal"}
            """)).Should().BeTrue(converted.ToJsonString());
    }

    [Test]
    public void ToCore_RoundTrip_KeepsEveryField()
    {
        var v1 = (JsonObject)JsonNode.Parse("""
            {"kind":"Event","apiVersion":"events.k8s.io/v1","metadata":{"name":"e"},"eventTime":"t","series":{"count":2,"lastObservedTime":"t"},
             "reportingController":"rc","reportingInstance":"ri","action":"A","reason":"R","regarding":{"name":"w"},"note":"n","type":"Warning"}
            """)!;

        var roundTrip = EventConversion.ToEventsV1(EventConversion.ToCore(v1));

        JsonNode.DeepEquals(roundTrip, v1).Should().BeTrue(roundTrip.ToJsonString());
    }

    [TestCase("regarding.name", "involvedObject.name")]
    [TestCase("note", "message")]
    [TestCase("metadata.name", "metadata.name")]
    public void CorePath_EventsV1Field_StoredField(string path, string expected) =>
        EventConversion.CorePath(path).Should().Be(expected);
}
