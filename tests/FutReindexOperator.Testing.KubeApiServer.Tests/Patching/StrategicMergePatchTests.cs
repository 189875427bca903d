using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Patching;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Patching;

public sealed class StrategicMergePatchTests
{
    [Test]
    public void Apply_KeyedList_MergesByKeyAndDeletesWithPatchDirective()
    {
        var target = JsonNode.Parse("""{"spec":{"ports":[{"port":80,"name":"http"},{"port":443,"name":"https"}]}}""");

        var result = StrategicMergePatch.Apply(target, JsonNode.Parse("""
            {"spec":{"$setElementOrder/ports":[{"port":80}],"ports":[{"port":80,"name":"web"},{"port":443,"$patch":"delete"},{"port":8080}]}}
            """));

        JsonNode.DeepEquals(result, JsonNode.Parse("""{"spec":{"ports":[{"port":80,"name":"web"},{"port":8080}]}}""")).Should().BeTrue(result!.ToJsonString());
    }

    [Test]
    public void Apply_Finalizers_MergeAsASetAndDeleteFromPrimitiveList()
    {
        var target = JsonNode.Parse("""{"metadata":{"finalizers":["a","b"]}}""");

        var result = StrategicMergePatch.Apply(target, JsonNode.Parse("""{"metadata":{"finalizers":["c"],"$deleteFromPrimitiveList/finalizers":["a"]}}"""));

        result!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Equal("b", "c");
    }

    [Test]
    public void Apply_UnkeyedList_Replaces()
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse("""{"data":{"list":[1,2]}}"""), JsonNode.Parse("""{"data":{"list":[3]}}"""));

        result!["data"]!["list"]!.AsArray().Select(i => i!.GetValue<int>()).Should().Equal(3);
    }
}
