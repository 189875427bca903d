using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Discovery;

public sealed class DiscoveryDocumentsTests : ServerFixture
{
    protected override bool InstallWidgets => false;

    private static JsonObject? Resource(JsonObject list, string name) =>
        list["resources"]!.AsArray().OfType<JsonObject>().FirstOrDefault(r => r["name"]!.GetValue<string>() == name);

    [Test, CancelAfter(20_000)]
    public async Task Version_reports_Kubernetes_1_33(CancellationToken ct)
    {
        var version = await Http.GetAsync("/version", ct);

        version.Body["major"]!.GetValue<string>().Should().Be("1");
        version.Body["minor"]!.GetValue<string>().Should().Be("33");
        version.Body["gitVersion"]!.GetValue<string>().Should().StartWith("v1.33.");
    }

    [Test, CancelAfter(20_000)]
    public async Task Core_discovery_lists_the_built_in_core_resources(CancellationToken ct)
    {
        var versions = await Http.GetAsync("/api", ct);
        var resources = await Http.GetAsync("/api/v1", ct);

        versions.Body["versions"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("v1");
        resources.Body["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>())
            .Should().Contain(["namespaces", "namespaces/status", "secrets", "services", "configmaps", "events"]);
        Resource(resources.Body, "events")!["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("ev");
        Resource(resources.Body, "namespaces")!["namespaced"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test, CancelAfter(20_000)]
    public async Task Group_discovery_lists_events_leases_and_CRDs(CancellationToken ct)
    {
        var groups = await Http.GetAsync("/apis", ct);

        groups.Body["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>())
            .Should().Contain(["events.k8s.io", "coordination.k8s.io", "apiextensions.k8s.io"]);
        (await Http.GetAsync("/apis/coordination.k8s.io/v1", ct)).Body["resources"]![0]!["kind"]!.GetValue<string>().Should().Be("Lease");
    }

    [Test, CancelAfter(20_000)]
    public async Task Discovery_changes_when_a_CRD_is_created_and_deleted(CancellationToken ct)
    {
        (await Http.GetAsync("/apis/example.com/v1", ct)).Status.Should().Be(404);
        await Manifests.InstallWidgetsAsync(Http, ct);

        var group = await Http.GetAsync("/apis/example.com", ct);
        var resources = await Http.GetAsync("/apis/example.com/v1", ct);
        var widgets = Resource(resources.Body, "widgets")!;
        (await Http.DeleteAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com", ct)).Status.Should().Be(200);
        var afterDelete = await Http.GetAsync("/apis/example.com/v1", ct);
        var groupsAfterDelete = await Http.GetAsync("/apis", ct);

        group.Body["preferredVersion"]!["groupVersion"]!.GetValue<string>().Should().Be("example.com/v1");
        widgets["singularName"]!.GetValue<string>().Should().Be("widget");
        widgets["kind"]!.GetValue<string>().Should().Be("Widget");
        widgets["namespaced"]!.GetValue<bool>().Should().BeTrue();
        widgets["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("wd");
        widgets["categories"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("all");
        widgets["verbs"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(["get", "list", "watch", "create", "update", "patch", "delete"]);
        Resource(resources.Body, "widgets/status").Should().NotBeNull();
        afterDelete.Status.Should().Be(404);
        groupsAfterDelete.Body["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).Should().NotContain("example.com");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_created_CRD_reports_Established_and_its_accepted_names(CancellationToken ct)
    {
        var crd = Manifests.GadgetCrd();
        crd["metadata"]!["name"] = "gadgets.other.example.org";
        crd["spec"]!["group"] = "other.example.org";
        var created = await Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd, ct);

        var conditions = created.Body["status"]!["conditions"]!.AsArray().Select(c => (c!["type"]!.GetValue<string>(), c["status"]!.GetValue<string>()));

        conditions.Should().Contain(("Established", "True")).And.Contain(("NamesAccepted", "True"));
        created.Body["status"]!["acceptedNames"]!["kind"]!.GetValue<string>().Should().Be("Gadget");
    }
}
