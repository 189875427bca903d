using System.Text.Json.Nodes;
using FutReindexOperator.Runtime.Kubernetes;

namespace FutReindexOperator.Runtime.Tests.Kubernetes;

public sealed class MergePatchTests
{
    [TestCase("""{"phase":"Running","jobId":"7"}""", """{"phase":"Running"}""", false)]
    [TestCase("""{"phase":"Running"}""", """{"phase":"Succeeded"}""", true)]
    [TestCase("""{"phase":"Running"}""", """{"jobId":"7"}""", true)]
    [TestCase("""{"phase":"Running","jobId":"7"}""", """{"jobId":null}""", true)]
    [TestCase("""{"phase":"Running"}""", """{"jobId":null}""", false)]
    [TestCase("""{"phase":"Running","jobId":null}""", """{"phase":"Running","jobId":null}""", false)]
    [TestCase("""{"phase":"Running","jobId":null}""", """{"phase":"Running","jobId":"7"}""", true)]
    [TestCase("""{"submission":{"attempt":1,"at":null}}""", """{"submission":{"attempt":1,"at":null}}""", false)]
    [TestCase("""{"progress":{"done":1,"total":4}}""", """{"progress":{"done":1}}""", false)]
    [TestCase("""{"progress":{"done":1,"total":4}}""", """{"progress":{"done":2}}""", true)]
    [TestCase("""{"conditions":[{"type":"Ready"}]}""", """{"conditions":[{"type":"Ready"}]}""", false)]
    [TestCase("""{"conditions":[{"type":"Ready"}]}""", """{"conditions":[]}""", true)]
    public void Changes_PatchAgainstTarget_TellsWhetherAnythingWouldChange(string target, string patch, bool expected) =>
        MergePatch.Changes(JsonNode.Parse(target), JsonNode.Parse(patch)).Should().Be(expected);

    [Test]
    public void Changes_NoTargetYet_AnyObjectPatchChanges() =>
        MergePatch.Changes(null, JsonNode.Parse("""{"phase":"Pending"}""")).Should().BeTrue();

    [Test]
    public void Apply_NestedPatch_MergesRecursivelyAndRemovesNulls()
    {
        var result = MergePatch.Apply(JsonNode.Parse("""{"a":{"b":1,"c":2},"d":3}"""), JsonNode.Parse("""{"a":{"b":5,"c":null}}"""));

        JsonNode.DeepEquals(result, JsonNode.Parse("""{"a":{"b":5},"d":3}""")).Should().BeTrue();
    }
}
