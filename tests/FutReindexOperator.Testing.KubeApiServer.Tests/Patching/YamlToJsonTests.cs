using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Patching;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Patching;

public sealed class YamlToJsonTests
{
    [Test]
    public void Convert_PlainScalars_TypedQuotedScalars_Strings()
    {
        var json = YamlToJson.Convert("""
            a: 1
            b: 1.5
            c: true
            d: ~
            e: "2"
            f: text
            g: [x, 'true']
            """);

        JsonNode.DeepEquals(json, JsonNode.Parse("""{"a":1,"b":1.5,"c":true,"d":null,"e":"2","f":"text","g":["x","true"]}""")).Should().BeTrue(json!.ToJsonString());
    }

    [Test]
    public void Convert_Malformed_BadRequest()
    {
        var convert = () => YamlToJson.Convert("a: [1, 2");

        convert.Should().Throw<ApiException>().Where(e => e.Code == 400);
    }
}
