using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Patching;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Patching;

public sealed class JsonMergePatchTests
{
    [Test]
    public void Apply_ObjectsMergeNullRemovesArraysReplace()
    {
        var target = JsonNode.Parse("""{"a":{"b":1,"c":2},"d":[1,2],"e":1}""");

        var result = JsonMergePatch.Apply(target, JsonNode.Parse("""{"a":{"b":9},"d":[3],"e":null,"f":"new"}"""));

        JsonNode.DeepEquals(result, JsonNode.Parse("""{"a":{"b":9,"c":2},"d":[3],"f":"new"}""")).Should().BeTrue(result!.ToJsonString());
    }
}
