using System.Text.Json;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Selectors;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Selectors;

public sealed class FieldSelectorTests
{
    private static readonly JsonElement Event = JsonDocument.Parse("""
        {"metadata":{"name":"e1","namespace":"ns"},"involvedObject":{"kind":"Widget","name":"w1"},"reason":"Started"}
        """).RootElement;

    private static FieldSelector Parse(string selector) => FieldSelector.Parse(selector, _ => true, p => p);

    [TestCase("metadata.name=e1", true)]
    [TestCase("metadata.name==e1", true)]
    [TestCase("metadata.name!=e1", false)]
    [TestCase("metadata.namespace=ns,involvedObject.kind=Widget,involvedObject.name=w1", true)]
    [TestCase("involvedObject.name=w2", false)]
    [TestCase("involvedObject.uid=", true)]
    [TestCase("reason=Started", true)]
    public void Matches_Requirement_ComparesTheFieldText(string selector, bool expected) =>
        Parse(selector).Matches(Event).Should().Be(expected);

    [Test]
    public void Parse_UnsupportedField_BadRequest()
    {
        var parse = () => FieldSelector.Parse("spec.size=3", p => p.StartsWith("metadata.", StringComparison.Ordinal), p => p);

        parse.Should().Throw<ApiException>().Where(e => e.Code == 400 && e.Message == "field label not supported: spec.size");
    }

    [Test]
    public void Parse_Rename_MatchesTheStoredField()
    {
        var selector = FieldSelector.Parse("regarding.name=w1", _ => true, p => p.Replace("regarding", "involvedObject", StringComparison.Ordinal));

        selector.Matches(Event).Should().BeTrue();
    }
}
