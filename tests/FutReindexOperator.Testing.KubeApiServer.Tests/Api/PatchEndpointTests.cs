using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Api;

public sealed class PatchEndpointTests : ServerFixture
{
    [Test, CancelAfter(20_000)]
    public async Task Json_patch_with_a_passing_test_op_applies(CancellationToken ct)
    {
        var name = UniqueName();
        var widget = Manifests.Widget(name);
        widget["metadata"]!["finalizers"] = new System.Text.Json.Nodes.JsonArray("example.com/a");
        await Manifests.CreateWidgetAsync(Http, widget, ct);

        var patched = await Http.PatchAsync(
            Manifests.WidgetPath(name),
            """[{"op":"test","path":"/metadata/finalizers","value":["example.com/a"]},{"op":"replace","path":"/metadata/finalizers","value":[]}]""",
            "application/json-patch+json",
            ct);

        patched.Status.Should().Be(200, patched.ToString());
        patched.Body["metadata"]!["finalizers"]!.AsArray().Should().BeEmpty();
    }

    [Test, CancelAfter(20_000)]
    public async Task Json_patch_with_a_failing_test_op_is_422_and_changes_nothing(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);

        var patched = await Http.PatchAsync(
            Manifests.WidgetPath(name),
            """[{"op":"test","path":"/spec/size","value":99},{"op":"replace","path":"/spec/size","value":4}]""",
            "application/json-patch+json",
            ct);

        patched.Status.Should().Be(422, patched.ToString());
        (await Http.GetAsync(Manifests.WidgetPath(name), ct)).Body["spec"]!["size"]!.GetValue<int>().Should().Be(3);
    }

    [Test, CancelAfter(20_000)]
    public async Task Apply_patch_creates_when_absent_and_records_the_field_manager(CancellationToken ct)
    {
        var name = UniqueName();
        var yaml = $"""
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: {name}
            spec:
              size: 8
            """;

        var created = await Http.PatchAsync(Manifests.WidgetPath(name) + "?fieldManager=tester", yaml, "application/apply-patch+yaml", ct);
        var updated = await Http.PatchAsync(Manifests.WidgetPath(name) + "?fieldManager=tester", yaml.Replace("size: 8", "size: 9", StringComparison.Ordinal), "application/apply-patch+yaml", ct);

        created.Status.Should().Be(201, created.ToString());
        updated.Status.Should().Be(200, updated.ToString());
        updated.Body["spec"]!["size"]!.GetValue<int>().Should().Be(9);
        var entry = updated.Body["metadata"]!["managedFields"]![0]!;
        entry["manager"]!.GetValue<string>().Should().Be("tester");
        entry["operation"]!.GetValue<string>().Should().Be("Apply");
        entry["fieldsV1"]!["f:spec"]!["f:size"].Should().NotBeNull();
    }

    [Test, CancelAfter(20_000)]
    public async Task Apply_patch_without_a_field_manager_is_refused(CancellationToken ct)
    {
        var response = await Http.PatchAsync(Manifests.WidgetPath("nomanager"), "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: nomanager\nspec:\n  size: 1\n", "application/apply-patch+yaml", ct);

        response.Status.Should().Be(422, response.ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task Strategic_merge_patch_is_refused_for_custom_resources_like_the_real_server(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);

        var response = await Http.PatchAsync(Manifests.WidgetPath(name), """{"spec":{"size":2}}""", "application/strategic-merge-patch+json", ct);

        response.Status.Should().Be(415, response.ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task Strategic_merge_patch_merges_finalizers_of_built_in_kinds(CancellationToken ct)
    {
        var created = await Http.PostAsync("/api/v1/namespaces/default/configmaps", System.Text.Json.Nodes.JsonNode.Parse("""{"metadata":{"name":"smp","finalizers":["a/x"]},"data":{"k":"v"}}""")!, ct);
        created.Status.Should().Be(201, created.ToString());

        var patched = await Http.PatchAsync("/api/v1/namespaces/default/configmaps/smp", """{"metadata":{"finalizers":["a/y"]},"data":{"k2":"v2"}}""", "application/strategic-merge-patch+json", ct);

        patched.Body["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Equal("a/x", "a/y");
        patched.Body["data"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("k", "k2");
    }
}
