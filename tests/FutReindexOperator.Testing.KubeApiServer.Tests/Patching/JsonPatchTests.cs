using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Patching;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Patching;

public sealed class JsonPatchTests
{
    private static readonly JsonNode Document = JsonNode.Parse("""{"metadata":{"finalizers":["a","b"],"annotations":{"x/y":"1"}},"spec":{"n":1}}""")!;

    [Test]
    public void Apply_AllOperations_AsRfc6902Defines()
    {
        var patch = JsonNode.Parse("""
            [
              {"op":"test","path":"/metadata/finalizers/0","value":"a"},
              {"op":"remove","path":"/metadata/finalizers/0"},
              {"op":"add","path":"/metadata/finalizers/-","value":"c"},
              {"op":"replace","path":"/spec/n","value":2},
              {"op":"copy","from":"/spec/n","path":"/spec/m"},
              {"op":"move","from":"/metadata/annotations/x~1y","path":"/metadata/annotations/z"}
            ]
            """);

        var result = JsonPatch.Apply(Document, patch);

        JsonNode.DeepEquals(result, JsonNode.Parse("""{"metadata":{"finalizers":["b","c"],"annotations":{"z":"1"}},"spec":{"n":2,"m":2}}""")).Should().BeTrue(result.ToJsonString());
    }

    [Test]
    public void Apply_FailingTest_Unprocessable()
    {
        var apply = () => JsonPatch.Apply(Document, JsonNode.Parse("""[{"op":"test","path":"/spec/n","value":5}]"""));

        apply.Should().Throw<ApiException>().Where(e => e.Code == 422);
    }

    [Test]
    public void Apply_MissingPath_Unprocessable()
    {
        var apply = () => JsonPatch.Apply(Document, JsonNode.Parse("""[{"op":"remove","path":"/spec/absent"}]"""));

        apply.Should().Throw<ApiException>().Where(e => e.Code == 422 && e.Message.Contains("/spec/absent", StringComparison.Ordinal));
    }
}
