using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Validation;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Validation;

public sealed class SchemaValidatorTests
{
    private static JsonObject Schema() => (JsonObject)JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "required": ["target"],
              "properties": {
                "target": { "type": "string", "minLength": 2, "maxLength": 4, "pattern": "^[a-z]+$" },
                "mode": { "type": "string", "enum": ["a", "b"], "default": "a" },
                "count": { "type": "integer", "minimum": 1, "maximum": 5 },
                "items": { "type": "array", "minItems": 1, "maxItems": 2, "items": { "type": "string" } },
                "at": { "type": "string", "format": "date-time" },
                "free": { "type": "object", "x-kubernetes-preserve-unknown-fields": true },
                "map": { "type": "object", "additionalProperties": { "type": "integer" } },
                "port": { "x-kubernetes-int-or-string": true }
              }
            }
          }
        }
        """)!;

    private static SchemaOutcome Apply(string spec, out JsonObject value)
    {
        value = (JsonObject)JsonNode.Parse($$"""{"apiVersion":"x/v1","kind":"X","metadata":{"name":"n"},"spec":{{spec}}}""")!;
        return SchemaValidator.Apply(value, Schema());
    }

    [Test]
    public void Apply_ValidObject_NoCausesAndDefaultsApplied()
    {
        var outcome = Apply("""{"target":"abc","count":2,"items":["x"],"at":"2026-01-01T00:00:00Z","port":"http"}""", out var value);

        outcome.Causes.Should().BeEmpty();
        value["spec"]!["mode"]!.GetValue<string>().Should().Be("a");
    }

    [Test]
    public void Apply_MissingRequired_FieldValueRequired()
    {
        var outcome = Apply("{}", out _);

        outcome.Causes.Should().ContainSingle().Which.Should().Be(new StatusCause("FieldValueRequired", "spec.target", "Required value"));
    }

    [Test]
    public void Apply_WrongType_FieldValueTypeInvalid()
    {
        var outcome = Apply("""{"target":"abc","count":"two"}""", out _);

        outcome.Causes.Should().ContainSingle().Which.Message.Should().Be("Invalid value: \"two\": spec.count in body must be of type integer: \"two\"");
    }

    [Test]
    public void Apply_ValueOutsideEnum_FieldValueNotSupported()
    {
        var outcome = Apply("""{"target":"abc","mode":"c"}""", out _);

        outcome.Causes.Should().ContainSingle().Which.Should().Be(new StatusCause("FieldValueNotSupported", "spec.mode", "Unsupported value: \"c\": supported values: \"a\", \"b\""));
    }

    [TestCase("""{"target":"abc","count":0}""", "spec.count", "should be greater than or equal to 1")]
    [TestCase("""{"target":"abc","count":6}""", "spec.count", "should be less than or equal to 5")]
    [TestCase("""{"target":"a"}""", "spec.target", "should be at least 2 chars long")]
    [TestCase("""{"target":"abcde"}""", "spec.target", "Too long: may not be more than 4 bytes")]
    [TestCase("""{"target":"AB"}""", "spec.target", "should match '^[a-z]+$'")]
    [TestCase("""{"target":"abc","items":[]}""", "spec.items", "should have at least 1 items")]
    [TestCase("""{"target":"abc","items":["a","b","c"]}""", "spec.items", "must have at most 2 items")]
    [TestCase("""{"target":"abc","at":"yesterday"}""", "spec.at", "must be of type date-time")]
    [TestCase("""{"target":"abc","map":{"k":"v"}}""", "spec.map.k", "must be of type integer")]
    [TestCase("""{"target":"abc","port":1.5}""", "spec.port", "must be of type integer-or-string")]
    public void Apply_ConstraintViolated_CauseNamesTheField(string spec, string field, string message)
    {
        var outcome = Apply(spec, out _);

        outcome.Causes.Should().ContainSingle().Which.Should().Match<StatusCause>(c => c.Field == field && c.Message.Contains(message));
    }

    [Test]
    public void Apply_UnknownFields_PrunedUnlessPreserved()
    {
        var outcome = Apply("""{"target":"abc","bogus":1,"free":{"anything":{"goes":true}}}""", out var value);

        outcome.PrunedFields.Should().Equal("spec.bogus");
        value["spec"]!.AsObject().ContainsKey("bogus").Should().BeFalse();
        value["spec"]!["free"]!["anything"]!["goes"]!.GetValue<bool>().Should().BeTrue();
        value["metadata"]!["name"]!.GetValue<string>().Should().Be("n");
    }
}
