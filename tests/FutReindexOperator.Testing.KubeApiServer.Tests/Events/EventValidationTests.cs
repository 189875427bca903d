using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Events;
using FutReindexOperator.Testing.KubeApiServer.Resources;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Events;

public sealed class EventValidationTests
{
    private static JsonObject Valid() => (JsonObject)JsonNode.Parse("""
        {"metadata":{"name":"e"},"eventTime":"2026-01-01T00:00:00.000000Z","reportingController":"example.com/op","reportingInstance":"op-1",
         "action":"Reconcile","reason":"Started","type":"Normal","note":"n","regarding":{"kind":"Widget","name":"w"}}
        """)!;

    [Test]
    public void ValidateCreate_CompleteEvent_Accepted()
    {
        var validate = () => EventValidation.ValidateCreate(Valid(), BuiltInResources.Events);

        validate.Should().NotThrow();
    }

    [TestCase("eventTime")]
    [TestCase("reportingController")]
    [TestCase("reportingInstance")]
    [TestCase("action")]
    [TestCase("reason")]
    public void ValidateCreate_MissingRequiredField_InvalidNamingIt(string field)
    {
        var value = Valid();
        value.Remove(field);

        var validate = () => EventValidation.ValidateCreate(value, BuiltInResources.Events);

        validate.Should().Throw<ApiException>().Where(e => e.Code == 422 && e.Message == $"Event.events.k8s.io \"e\" is invalid: {field}: Required value");
    }

    [Test]
    public void ValidateCreate_UnknownTypeAndShortSeries_EveryCauseListed()
    {
        var value = Valid();
        value["type"] = "Info";
        value["series"] = new JsonObject { ["count"] = 1 };

        var validate = () => EventValidation.ValidateCreate(value, BuiltInResources.Events);

        validate.Should().Throw<ApiException>().Which.Details!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>())
            .Should().Equal("type", "series.count", "series.lastObservedTime");
    }

    [Test]
    public void ValidateCreate_DeprecatedCountSet_MustBeUnset()
    {
        var value = Valid();
        value["deprecatedCount"] = 3;

        var validate = () => EventValidation.ValidateCreate(value, BuiltInResources.Events);

        validate.Should().Throw<ApiException>().Where(e => e.Message.Contains("count: Invalid value: \"\": needs to be unset", StringComparison.Ordinal));
    }

    [Test]
    public void ValidateCreate_NoteOf1024BytesInMultiByteCharacters_Accepted()
    {
        var value = Valid();
        value["note"] = new string('æ', 512);

        var validate = () => EventValidation.ValidateCreate(value, BuiltInResources.Events);

        validate.Should().NotThrow();
    }

    [Test]
    public void ValidateCreate_NoteOver1024BytesThoughUnder1024Characters_TooLong()
    {
        var value = Valid();
        value["note"] = new string('æ', 513);

        var validate = () => EventValidation.ValidateCreate(value, BuiltInResources.Events);

        validate.Should().Throw<ApiException>().Where(e => e.Message == "Event.events.k8s.io \"e\" is invalid: note: Too long: may not be more than 1024 bytes");
    }
}
