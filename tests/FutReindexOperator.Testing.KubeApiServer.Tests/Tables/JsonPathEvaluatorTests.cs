using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Tables;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Tables;

public sealed class JsonPathEvaluatorTests
{
    private static readonly JsonNode Value = JsonNode.Parse("""
        {"spec":{"size":3,"tags":["a","b"]},"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Failed","status":"False"}]}}
        """)!;

    [TestCase(".spec.size", "3")]
    [TestCase("{.spec.size}", "3")]
    [TestCase(".spec.tags[1]", "b")]
    [TestCase(".spec.tags[-1]", "b")]
    [TestCase(".status.conditions[?(@.type==\"Ready\")].status", "True")]
    [TestCase(".status.conditions[?(@.type=='Failed')].status", "False")]
    public void Evaluate_Path_FindsTheValue(string path, string expected) =>
        JsonPathEvaluator.Text(JsonPathEvaluator.Evaluate(Value, path)[0]).Should().Be(expected);

    [Test]
    public void Evaluate_Wildcard_AllItems() =>
        JsonPathEvaluator.Evaluate(Value, ".spec.tags[*]").Select(JsonPathEvaluator.Text).Should().Equal("a", "b");

    [Test]
    public void Evaluate_MissingField_NoResult() =>
        JsonPathEvaluator.Evaluate(Value, ".status.phase").Should().BeEmpty();
}
