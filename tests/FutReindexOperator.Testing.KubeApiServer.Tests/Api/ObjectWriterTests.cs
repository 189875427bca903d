using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Api;

public sealed class ObjectWriterTests : ServerFixture
{
    [Test, CancelAfter(20_000)]
    public async Task Create_sets_uid_creation_time_generation_and_a_global_increasing_resource_version(CancellationToken ct)
    {
        var first = await Manifests.CreateWidgetAsync(Http, Manifests.Widget(UniqueName()), ct);
        var second = await Manifests.CreateWidgetAsync(Http, Manifests.Widget(UniqueName()), ct);

        first["metadata"]!["uid"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f-]{36}$");
        first["metadata"]!["creationTimestamp"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        first["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
        long.Parse(second["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeGreaterThan(long.Parse(first["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test, CancelAfter(20_000)]
    public async Task Labels_and_annotations_are_stored_verbatim(CancellationToken ct)
    {
        var widget = Manifests.Widget(UniqueName(), labels: new JsonObject { ["app.kubernetes.io/name"] = "x y" });
        widget["metadata"]!["annotations"] = new JsonObject { ["note"] = "  spaced\nlines  " };

        var created = await Manifests.CreateWidgetAsync(Http, widget, ct);
        var read = await Http.GetAsync(Manifests.WidgetPath(created["metadata"]!["name"]!.GetValue<string>()), ct);

        read.Body["metadata"]!["labels"]!["app.kubernetes.io/name"]!.GetValue<string>().Should().Be("x y");
        read.Body["metadata"]!["annotations"]!["note"]!.GetValue<string>().Should().Be("  spaced\nlines  ");
    }

    [Test, CancelAfter(20_000)]
    public async Task Create_of_an_existing_name_is_409_AlreadyExists_as_a_Status(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);

        var again = await Http.PostAsync(Manifests.WidgetsPath, Manifests.Widget(name), ct);

        again.Status.Should().Be(409);
        again.Body["kind"]!.GetValue<string>().Should().Be("Status");
        again.Body["status"]!.GetValue<string>().Should().Be("Failure");
        again.Body["reason"]!.GetValue<string>().Should().Be("AlreadyExists");
        again.Body["message"]!.GetValue<string>().Should().Be($"widgets.example.com \"{name}\" already exists");
        again.Body["details"]!["kind"]!.GetValue<string>().Should().Be("widgets");
        again.Body["details"]!["group"]!.GetValue<string>().Should().Be("example.com");
        again.Body["code"]!.GetValue<int>().Should().Be(409);
    }

    [Test, CancelAfter(20_000)]
    public async Task Get_of_a_missing_object_is_404_NotFound_as_a_Status(CancellationToken ct)
    {
        var missing = await Http.GetAsync(Manifests.WidgetPath("nope"), ct);

        missing.Status.Should().Be(404);
        missing.Body["reason"]!.GetValue<string>().Should().Be("NotFound");
        missing.Body["message"]!.GetValue<string>().Should().Be("widgets.example.com \"nope\" not found");
        missing.Body["details"]!["name"]!.GetValue<string>().Should().Be("nope");
    }

    [Test, CancelAfter(20_000)]
    public async Task Update_with_a_stale_resource_version_is_409_Conflict(CancellationToken ct)
    {
        var created = await Manifests.CreateWidgetAsync(Http, Manifests.Widget(UniqueName()), ct);
        var name = created["metadata"]!["name"]!.GetValue<string>();
        var changed = (JsonObject)created.DeepClone();
        changed["spec"]!["size"] = 5;
        (await Http.PutAsync(Manifests.WidgetPath(name), changed, ct)).Status.Should().Be(200);

        var stale = (JsonObject)created.DeepClone();
        stale["spec"]!["size"] = 6;
        var conflict = await Http.PutAsync(Manifests.WidgetPath(name), stale, ct);

        conflict.Status.Should().Be(409, conflict.ToString());
        conflict.Body["reason"]!.GetValue<string>().Should().Be("Conflict");
        conflict.Body["message"]!.GetValue<string>().Should().Be(
            $"Operation cannot be fulfilled on widgets.example.com \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
    }

    [Test, CancelAfter(20_000)]
    public async Task Generation_is_bumped_by_spec_changes_but_not_by_metadata_or_status_changes(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);

        var labelled = await Http.PatchAsync(Manifests.WidgetPath(name), """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json", ct);
        var statused = await Http.PatchAsync(Manifests.WidgetPath(name) + "/status", """{"status":{"phase":"Running"}}""", "application/merge-patch+json", ct);
        var specced = await Http.PatchAsync(Manifests.WidgetPath(name), """{"spec":{"size":7}}""", "application/merge-patch+json", ct);

        labelled.Body["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
        statused.Body["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
        specced.Body["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);
    }

    [Test, CancelAfter(20_000)]
    public async Task The_main_endpoint_ignores_status_and_the_status_endpoint_changes_only_status(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);

        var viaMain = await Http.PatchAsync(Manifests.WidgetPath(name), """{"status":{"phase":"Ignored"}}""", "application/merge-patch+json", ct);
        var viaStatus = await Http.PatchAsync(
            Manifests.WidgetPath(name) + "/status", """{"spec":{"size":50},"metadata":{"labels":{"x":"y"}},"status":{"phase":"Done"}}""", "application/merge-patch+json", ct);

        viaMain.Body["status"].Should().BeNull();
        viaStatus.Body["status"]!["phase"]!.GetValue<string>().Should().Be("Done");
        viaStatus.Body["spec"]!["size"]!.GetValue<int>().Should().Be(3);
        viaStatus.Body["metadata"]!["labels"]!.AsObject().ContainsKey("x").Should().BeFalse();
    }

    [Test, CancelAfter(20_000)]
    public async Task A_status_merge_patch_carrying_a_stale_resource_version_is_409(CancellationToken ct)
    {
        var created = await Manifests.CreateWidgetAsync(Http, Manifests.Widget(UniqueName()), ct);
        var name = created["metadata"]!["name"]!.GetValue<string>();
        var rv = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        var first = await Http.PatchAsync(Manifests.WidgetPath(name) + "/status", $$$"""{"metadata":{"resourceVersion":"{{{rv}}}"},"status":{"phase":"A"}}""", "application/merge-patch+json", ct);

        var second = await Http.PatchAsync(Manifests.WidgetPath(name) + "/status", $$$"""{"metadata":{"resourceVersion":"{{{rv}}}"},"status":{"phase":"B"}}""", "application/merge-patch+json", ct);

        first.Status.Should().Be(200, first.ToString());
        second.Status.Should().Be(409, second.ToString());
        second.Body["reason"]!.GetValue<string>().Should().Be("Conflict");
    }

    [Test, CancelAfter(20_000)]
    public async Task Delete_with_finalizers_marks_deleting_and_removing_the_last_finalizer_deletes(CancellationToken ct)
    {
        var name = UniqueName();
        var widget = Manifests.Widget(name);
        widget["metadata"]!["finalizers"] = new JsonArray("example.com/cleanup");
        await Manifests.CreateWidgetAsync(Http, widget, ct);

        var deleting = await Http.DeleteAsync(Manifests.WidgetPath(name), ct);
        var stillThere = await Http.GetAsync(Manifests.WidgetPath(name), ct);
        var removed = await Http.PatchAsync(Manifests.WidgetPath(name), """{"metadata":{"finalizers":null}}""", "application/merge-patch+json", ct);
        var gone = await Http.GetAsync(Manifests.WidgetPath(name), ct);

        deleting.Status.Should().Be(200);
        stillThere.Body["metadata"]!["deletionTimestamp"].Should().NotBeNull();
        removed.Status.Should().Be(200, removed.ToString());
        gone.Status.Should().Be(404);
    }

    [Test, CancelAfter(20_000)]
    public async Task No_finalizer_can_be_added_once_deleting(CancellationToken ct)
    {
        var name = UniqueName();
        var widget = Manifests.Widget(name);
        widget["metadata"]!["finalizers"] = new JsonArray("example.com/a");
        await Manifests.CreateWidgetAsync(Http, widget, ct);
        await Http.DeleteAsync(Manifests.WidgetPath(name), ct);

        var adding = await Http.PatchAsync(Manifests.WidgetPath(name), """{"metadata":{"finalizers":["example.com/a","example.com/b"]}}""", "application/merge-patch+json", ct);

        adding.Status.Should().Be(422, adding.ToString());
        adding.Body["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("metadata.finalizers");
    }

    [Test, CancelAfter(20_000)]
    public async Task Delete_without_finalizers_removes_and_answers_a_success_Status(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);

        var deleted = await Http.DeleteAsync(Manifests.WidgetPath(name), ct);

        deleted.Body["status"]!.GetValue<string>().Should().Be("Success");
        (await Http.GetAsync(Manifests.WidgetPath(name), ct)).Status.Should().Be(404);
    }

    [Test, CancelAfter(20_000)]
    public async Task Update_without_a_resource_version_of_a_custom_resource_is_422(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);

        var update = await Http.PutAsync(Manifests.WidgetPath(name), Manifests.Widget(name, 4), ct);

        update.Status.Should().Be(422, update.ToString());
        update.Body["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("metadata.resourceVersion");
    }

    [Test, CancelAfter(20_000)]
    public async Task Cluster_scoped_custom_resources_are_served_without_a_namespace(CancellationToken ct)
    {
        (await Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Manifests.GadgetCrd(), ct)).Status.Should().Be(201);

        var created = await Http.PostAsync(Manifests.GadgetsPath, JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g1"},"anything":{"goes":1}}""")!, ct);
        var read = await Http.GetAsync(Manifests.GadgetsPath + "/g1", ct);

        created.Status.Should().Be(201, created.ToString());
        read.Body["metadata"]!["namespace"].Should().BeNull();
        read.Body["anything"]!["goes"]!.GetValue<int>().Should().Be(1);
    }

    [Test, CancelAfter(20_000)]
    public async Task Create_in_a_missing_namespace_is_404(CancellationToken ct)
    {
        var response = await Http.PostAsync("/apis/example.com/v1/namespaces/absent/widgets", Manifests.Widget("x"), ct);

        response.Status.Should().Be(404);
        response.Body["message"]!.GetValue<string>().Should().Be("namespaces \"absent\" not found");
    }

    [Test, CancelAfter(20_000)]
    public async Task Deleting_a_namespace_deletes_the_objects_in_it(CancellationToken ct)
    {
        var ns = UniqueName("ns");
        (await Http.PostAsync("/api/v1/namespaces", JsonNode.Parse($$$"""{"metadata":{"name":"{{{ns}}}"}}""")!, ct)).Status.Should().Be(201);
        (await Http.PostAsync($"/apis/example.com/v1/namespaces/{ns}/widgets", Manifests.Widget("inside"), ct)).Status.Should().Be(201);

        var deleted = await Http.DeleteAsync($"/api/v1/namespaces/{ns}", ct);

        deleted.Status.Should().Be(200, deleted.ToString());
        (await Http.GetAsync($"/apis/example.com/v1/namespaces/{ns}/widgets/inside", ct)).Status.Should().Be(404);
        (await Http.GetAsync($"/api/v1/namespaces/{ns}", ct)).Status.Should().Be(404);
    }

    [Test, CancelAfter(20_000)]
    public async Task GenerateName_gets_a_random_suffix(CancellationToken ct)
    {
        var widget = Manifests.Widget("");
        widget["metadata"]!.AsObject().Remove("name");
        widget["metadata"]!["generateName"] = "gen-";

        var created = await Manifests.CreateWidgetAsync(Http, widget, ct);

        created["metadata"]!["name"]!.GetValue<string>().Should().MatchRegex("^gen-[a-z0-9]{5}$");
    }

    [Test, CancelAfter(20_000)]
    public async Task Deleting_a_CRD_deletes_its_custom_resources_and_stops_serving_them(CancellationToken ct)
    {
        var crd = Manifests.GadgetCrd();
        crd["metadata"]!["name"] = "gadgets.third.example.org";
        crd["spec"]!["group"] = "third.example.org";
        (await Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd, ct)).Status.Should().Be(201);
        (await Http.PostAsync("/apis/third.example.org/v1/gadgets", JsonNode.Parse("""{"metadata":{"name":"g"}}""")!, ct)).Status.Should().Be(201);

        (await Http.DeleteAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.third.example.org", ct)).Status.Should().Be(200);
        var afterwards = await Http.GetAsync("/apis/third.example.org/v1/gadgets/g", ct);

        afterwards.Status.Should().Be(404);
        afterwards.Body["message"]!.GetValue<string>().Should().Be("the server could not find the requested resource");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_label_that_is_not_a_string_is_400(CancellationToken ct)
    {
        var widget = Manifests.Widget(UniqueName());
        widget["metadata"]!["labels"] = new JsonObject { ["n"] = 1 };

        var response = await Http.PostAsync(Manifests.WidgetsPath, widget, ct);

        response.Status.Should().Be(400, response.ToString());
        response.Body["message"]!.GetValue<string>().Should().Contain("metadata.labels");
    }

    [Test, CancelAfter(20_000)]
    public async Task Deleting_a_secret_answers_a_success_Status_and_deleting_a_service_the_object(CancellationToken ct)
    {
        (await Http.PostAsync("/api/v1/namespaces/default/secrets", JsonNode.Parse("""{"metadata":{"name":"del-secret"},"data":{}}""")!, ct)).Status.Should().Be(201);
        (await Http.PostAsync("/api/v1/namespaces/default/services", JsonNode.Parse("""{"metadata":{"name":"del-svc"},"spec":{"ports":[{"port":80}]}}""")!, ct)).Status.Should().Be(201);

        var secret = await Http.DeleteAsync("/api/v1/namespaces/default/secrets/del-secret", ct);
        var service = await Http.DeleteAsync("/api/v1/namespaces/default/services/del-svc", ct);

        secret.Body["kind"]!.GetValue<string>().Should().Be("Status");
        secret.Body["details"]!["kind"]!.GetValue<string>().Should().Be("secrets");
        service.Body["kind"]!.GetValue<string>().Should().Be("Service");
    }
}
