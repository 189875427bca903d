using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Patching;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Patching;

public sealed class ManagedFieldsTests
{
    [Test]
    public void Record_SameManagerTwice_OneEntryWithTheLatestFields()
    {
        var target = (JsonObject)JsonNode.Parse("""{"metadata":{"name":"n"},"spec":{"a":1,"b":2}}""")!;

        ManagedFields.Record(target, (JsonObject)JsonNode.Parse("""{"spec":{"a":1}}""")!, "op", "Update", "x/v1", "t1");
        ManagedFields.Record(target, (JsonObject)JsonNode.Parse("""{"metadata":{"labels":{"k":"v"}},"spec":{"b":2}}""")!, "op", "Update", "x/v1", "t2");

        var entry = target["metadata"]!["managedFields"]!.AsArray().Should().ContainSingle().Subject!;
        entry["time"]!.GetValue<string>().Should().Be("t2");
        entry["fieldsType"]!.GetValue<string>().Should().Be("FieldsV1");
        entry["fieldsV1"]!["f:spec"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("f:b", ".");
        entry["fieldsV1"]!["f:metadata"]!["f:labels"]!["f:k"].Should().NotBeNull();
    }

    [Test]
    public void Record_StatusSubresource_SeparateEntry()
    {
        var target = (JsonObject)JsonNode.Parse("""{"metadata":{"name":"n"}}""")!;

        ManagedFields.Record(target, [], "op", "Update", "x/v1", "t");
        ManagedFields.Record(target, (JsonObject)JsonNode.Parse("""{"status":{"phase":"A"}}""")!, "op", "Update", "x/v1", "t", "status");

        target["metadata"]!["managedFields"]!.AsArray().Select(e => e!["subresource"]?.GetValue<string>()).Should().Equal(null, "status");
    }
}
