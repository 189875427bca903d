using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Api;

public sealed class ListEndpointTests : ServerFixture
{
    private const string Namespace = "listing";

    private static string Path(string query = "") => $"/apis/example.com/v1/namespaces/{Namespace}/widgets{query}";

    private static List<string> Names(ApiResponse list) =>
        list.Body["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();

    [OneTimeSetUp]
    public async Task CreateWidgetsAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        (await Http.PostAsync("/api/v1/namespaces", JsonNode.Parse($$$"""{"metadata":{"name":"{{{Namespace}}}"}}""")!, timeout.Token)).Status.Should().Be(201);
        string[] tiers = ["front", "back", "front", "db", "back"];
        for (var i = 0; i < tiers.Length; i++)
        {
            var widget = Manifests.Widget($"w{i}", i + 1, new JsonObject { ["tier"] = tiers[i] });
            (await Http.PostAsync(Path(), widget, timeout.Token)).Status.Should().Be(201);
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task A_list_has_its_kind_items_in_name_order_and_the_current_resource_version(CancellationToken ct)
    {
        var list = await Http.GetAsync(Path(), ct);

        list.Body["kind"]!.GetValue<string>().Should().Be("WidgetList");
        list.Body["apiVersion"]!.GetValue<string>().Should().Be("example.com/v1");
        Names(list).Should().Equal("w0", "w1", "w2", "w3", "w4");
        list.Body["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be(Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        list.Body["items"]![0]!["kind"]!.GetValue<string>().Should().Be("Widget");
    }

    [TestCase("tier=front", new[] { "w0", "w2" })]
    [TestCase("tier!=front", new[] { "w1", "w3", "w4" })]
    [TestCase("tier in (db,back)", new[] { "w1", "w3", "w4" })]
    [TestCase("tier notin (db,back)", new[] { "w0", "w2" })]
    [TestCase("tier", new[] { "w0", "w1", "w2", "w3", "w4" })]
    [TestCase("!tier", new string[0])]
    public async Task A_label_selector_filters_the_list(string selector, string[] expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var list = await Http.GetAsync(Path("?labelSelector=" + Uri.EscapeDataString(selector)), timeout.Token);

        Names(list).Should().Equal(expected);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_field_selector_on_name_and_namespace_filters_the_list(CancellationToken ct)
    {
        var byName = await Http.GetAsync(Path("?fieldSelector=metadata.name%3Dw3"), ct);
        var allNamespaces = await Http.GetAsync("/apis/example.com/v1/widgets?fieldSelector=metadata.namespace%3D" + Namespace, ct);

        Names(byName).Should().Equal("w3");
        Names(allNamespaces).Should().HaveCount(5);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_field_selector_on_an_unsupported_field_is_400(CancellationToken ct)
    {
        var list = await Http.GetAsync(Path("?fieldSelector=spec.size%3D3"), ct);

        list.Status.Should().Be(400);
        list.Body["message"]!.GetValue<string>().Should().Be("field label not supported: spec.size");
    }

    [Test, CancelAfter(20_000)]
    public async Task Limit_and_continue_page_through_the_list_at_the_first_pages_resource_version(CancellationToken ct)
    {
        var first = await Http.GetAsync(Path("?limit=2"), ct);
        var token = first.Body["metadata"]!["continue"]!.GetValue<string>();
        var second = await Http.GetAsync(Path("?limit=2&continue=" + Uri.EscapeDataString(token)), ct);
        var third = await Http.GetAsync(Path("?limit=2&continue=" + Uri.EscapeDataString(second.Body["metadata"]!["continue"]!.GetValue<string>())), ct);

        Names(first).Should().Equal("w0", "w1");
        Names(second).Should().Equal("w2", "w3");
        Names(third).Should().Equal("w4");
        third.Body["metadata"]!["continue"].Should().BeNull();
        second.Body["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be(first.Body["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Test, CancelAfter(20_000)]
    public async Task A_continue_token_older_than_the_retained_history_is_410_Expired(CancellationToken ct)
    {
        var first = await Http.GetAsync(Path("?limit=2"), ct);
        await Http.PatchAsync(Path("/w4"), """{"spec":{"size":9}}""", "application/merge-patch+json", ct);
        Server.Controls.CompactHistory();

        var expired = await Http.GetAsync(Path("?limit=2&continue=" + Uri.EscapeDataString(first.Body["metadata"]!["continue"]!.GetValue<string>())), ct);

        expired.Status.Should().Be(410, expired.ToString());
        expired.Body["reason"]!.GetValue<string>().Should().Be("Expired");
    }

    [Test, CancelAfter(20_000)]
    public async Task Table_output_has_the_name_and_printer_columns(CancellationToken ct)
    {
        var table = await Http.GetAsync(Path("?labelSelector=tier%3Ddb"), ct, "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        table.Body["kind"]!.GetValue<string>().Should().Be("Table");
        table.Body["apiVersion"]!.GetValue<string>().Should().Be("meta.k8s.io/v1");
        table.Body["columnDefinitions"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["priority"]!.GetValue<int>()))
            .Should().Equal(("Name", 0), ("Size", 0), ("Ready", 0), ("Detail", 1), ("Age", 0));
        var cells = table.Body["rows"]![0]!["cells"]!.AsArray();
        cells[0]!.GetValue<string>().Should().Be("w3");
        cells[1]!.GetValue<int>().Should().Be(4);
        cells[3]!.GetValue<string>().Should().Be("red");
        cells[4]!.GetValue<string>().Should().MatchRegex(@"^\d+s$");
        table.Body["rows"]![0]!["object"]!["kind"]!.GetValue<string>().Should().Be("PartialObjectMetadata");
    }
}
