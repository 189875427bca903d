using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Support;

/// <summary>Semantic JSON comparison.</summary>
public static class JsonAssertions
{
    /// <summary>Asserts that <paramref name="actual"/> and <paramref name="expected"/> are the same JSON value, ignoring formatting.</summary>
    public static void ShouldBeJson(this string actual, string expected)
    {
        var actualNode = JsonNode.Parse(actual);
        var expectedNode = JsonNode.Parse(expected);
        JsonNode.DeepEquals(actualNode, expectedNode).Should().BeTrue(
            "the JSON should be\n{0}\nbut was\n{1}", expectedNode?.ToJsonString(), actualNode?.ToJsonString());
    }

    /// <summary>The value at a path of property names and array indexes.</summary>
    public static JsonNode? At(this string json, params object[] path)
    {
        var node = JsonNode.Parse(json);
        foreach (var step in path)
        {
            node = step is int index ? node?[index] : node?[(string)step];
        }

        return node;
    }
}
