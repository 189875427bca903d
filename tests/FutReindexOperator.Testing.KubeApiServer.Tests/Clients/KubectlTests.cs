using System.Text.Json.Nodes;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Clients;

/// <summary>The real kubectl (1.33, chosen by the dispatcher from /version) proves the server.</summary>
public sealed class KubectlTests : KubectlFixture
{
    /// <summary>Starting kubectl on a busy machine takes seconds; half the tests' budget leaves room to report what it was waiting for.</summary>
    private static readonly TimeSpan KubectlWait = TimeSpan.FromSeconds(60);

    private const string SprocketCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: sprockets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names:
            plural: sprockets
            singular: sprocket
            kind: Sprocket
            shortNames: [spr]
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      teeth:
                        type: integer
        """;

    private static string Sprocket(string name, int teeth) => $"""
        apiVersion: example.com/v1
        kind: Sprocket
        metadata:
          name: {name}
        spec:
          teeth: {teeth}
        """;

    private static string WidgetYaml(string name, int size) => $"""
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: {name}
        spec:
          size: {size}
          color: blue
        """;

    [Test, CancelAfter(120_000)]
    public async Task Apply_of_a_CRD_and_a_resource_reports_created_unchanged_and_configured(CancellationToken ct)
    {
        var crd = WriteManifest("sprocket-crd.yaml", SprocketCrd);
        var first = WriteManifest("sprocket-1.yaml", Sprocket("s1", 10));
        var changed = WriteManifest("sprocket-2.yaml", Sprocket("s1", 12));

        var crdCreated = await Kubectl.SucceedAsync(ct, "apply", "-f", crd);
        var crdUnchanged = await Kubectl.SucceedAsync(ct, "apply", "-f", crd);
        var created = await Kubectl.SucceedAsync(ct, "apply", "-f", first);
        var unchanged = await Kubectl.SucceedAsync(ct, "apply", "-f", first);
        var configured = await Kubectl.SucceedAsync(ct, "apply", "-f", changed);
        var teeth = await Kubectl.SucceedAsync(ct, "get", "sprocket", "s1", "-o", "jsonpath={.spec.teeth}");

        crdCreated.Should().Contain("customresourcedefinition.apiextensions.k8s.io/sprockets.example.com created");
        crdUnchanged.Should().Contain("customresourcedefinition.apiextensions.k8s.io/sprockets.example.com unchanged");
        created.Should().Contain("sprocket.example.com/s1 created");
        unchanged.Should().Contain("sprocket.example.com/s1 unchanged");
        configured.Should().Contain("sprocket.example.com/s1 configured");
        teeth.Trim().Should().Be("12");
    }

    [Test, CancelAfter(120_000)]
    public async Task Server_side_apply_creates_and_updates(CancellationToken ct)
    {
        var name = UniqueName();
        var first = WriteManifest($"{name}-1.yaml", WidgetYaml(name, 2));
        var second = WriteManifest($"{name}-2.yaml", WidgetYaml(name, 3));

        var created = await Kubectl.SucceedAsync(ct, "apply", "--server-side", "-f", first);
        var updated = await Kubectl.SucceedAsync(ct, "apply", "--server-side", "-f", second);
        var managers = await Kubectl.SucceedAsync(ct, "get", "widget", name, "--show-managed-fields", "-o", "jsonpath={.metadata.managedFields[*].manager}");

        created.Should().Contain($"widget.example.com/{name} serverside-applied");
        updated.Should().Contain($"widget.example.com/{name} serverside-applied");
        (await Http.GetAsync(Manifests.WidgetPath(name), ct)).Body["spec"]!["size"]!.GetValue<int>().Should().Be(3);
        managers.Should().Contain("kubectl");
    }

    [Test, CancelAfter(120_000)]
    public async Task Server_side_apply_of_a_CRD_serves_its_resources(CancellationToken ct)
    {
        var crd = WriteManifest("doohickey-crd.yaml", SprocketCrd.Replace("sprocket", "doohickey", StringComparison.Ordinal).Replace("Sprocket", "Doohickey", StringComparison.Ordinal).Replace("[spr]", "[dh]", StringComparison.Ordinal));
        var resource = WriteManifest("doohickey.yaml", Sprocket("d1", 3).Replace("Sprocket", "Doohickey", StringComparison.Ordinal));

        var crdApplied = await Kubectl.SucceedAsync(ct, "apply", "--server-side", "-f", crd);
        var applied = await Kubectl.SucceedAsync(ct, "apply", "--server-side", "-f", resource);
        var listed = await Kubectl.SucceedAsync(ct, "get", "dh");

        crdApplied.Should().Contain("customresourcedefinition.apiextensions.k8s.io/doohickeys.example.com serverside-applied");
        applied.Should().Contain("doohickey.example.com/d1 serverside-applied");
        listed.Should().MatchRegex(@"NAME\s+AGE").And.Contain("d1");
    }

    [Test, CancelAfter(120_000)]
    public async Task Typed_create_commands_and_get_of_built_in_kinds_work(CancellationToken ct)
    {
        var namespaceCreated = await Kubectl.SucceedAsync(ct, "create", "namespace", "team-a");
        var configMapCreated = await Kubectl.SucceedAsync(ct, "create", "configmap", "settings", "-n", "team-a", "--from-literal=a=b", "--from-literal=c=d");
        var secretCreated = await Kubectl.SucceedAsync(ct, "create", "secret", "generic", "creds", "-n", "team-a", "--from-literal=token=s3cret");
        var namespaces = await Kubectl.SucceedAsync(ct, "get", "namespaces");
        var configMaps = await Kubectl.SucceedAsync(ct, "get", "cm", "-n", "team-a");
        var token = await Kubectl.SucceedAsync(ct, "get", "secret", "creds", "-n", "team-a", "-o", "jsonpath={.data.token}");

        namespaceCreated.Should().Contain("namespace/team-a created");
        configMapCreated.Should().Contain("configmap/settings created");
        secretCreated.Should().Contain("secret/creds created");
        namespaces.Should().MatchRegex(@"NAME\s+STATUS\s+AGE").And.MatchRegex(@"team-a\s+Active");
        configMaps.Should().MatchRegex(@"settings\s+2\s+");
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token.Trim())).Should().Be("s3cret");
    }

    [Test, CancelAfter(120_000)]
    public async Task Apply_refuses_an_unknown_field_with_default_validation(CancellationToken ct)
    {
        var path = WriteManifest("unknown-field.yaml", WidgetYaml("unknown-field", 2) + "\n  flavour: mint\n");

        var result = await Kubectl.RunAsync(ct, "apply", "-f", path);

        result.ExitCode.Should().NotBe(0, result.ToString());
        result.StandardError.Should().Contain("unknown field \"spec.flavour\"", result.ToString());
    }

    [Test, CancelAfter(120_000)]
    public async Task Apply_of_an_invalid_resource_prints_the_fields_the_server_names(CancellationToken ct)
    {
        var path = WriteManifest("invalid.yaml", WidgetYaml("invalid", 0));

        var result = await Kubectl.RunAsync(ct, "apply", "-f", path);

        result.ExitCode.Should().NotBe(0, result.ToString());
        result.StandardError.Should().Contain("spec.size", result.ToString()).And.Contain("should be greater than or equal to 1");
    }

    [Test, CancelAfter(120_000)]
    public async Task Get_by_plural_and_short_name_prints_the_printer_columns(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name, 42), ct);

        var byPlural = await Kubectl.SucceedAsync(ct, "get", "widgets");
        var byShortName = await Kubectl.SucceedAsync(ct, "get", "wd", name);
        var wide = await Kubectl.SucceedAsync(ct, "get", "wd", name, "-o", "wide");

        byPlural.Should().MatchRegex(@"NAME\s+SIZE\s+READY\s+AGE");
        byPlural.Should().MatchRegex($@"{name}\s+42\s+");
        byShortName.Should().MatchRegex(@"NAME\s+SIZE\s+READY\s+AGE").And.Contain(name);
        wide.Should().MatchRegex(@"NAME\s+SIZE\s+READY\s+DETAIL\s+AGE").And.MatchRegex($@"{name}\s+42\s+red");
    }

    [Test, CancelAfter(120_000)]
    public async Task Get_prints_yaml_and_jsonpath(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name, 7), ct);

        var yaml = await Kubectl.SucceedAsync(ct, "get", "widget", name, "-o", "yaml");
        var jsonPath = await Kubectl.SucceedAsync(ct, "get", "widgets", "-o", $"jsonpath={{.items[?(@.metadata.name==\"{name}\")].spec.size}}");

        yaml.Should().Contain("kind: Widget").And.Contain($"name: {name}").And.Contain("size: 7").And.Contain("color: red");
        jsonPath.Trim().Should().Be("7");
    }

    [Test, CancelAfter(120_000)]
    public async Task Get_watch_streams_changes(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name, 5), ct);
        using var watch = Kubectl.Start("get", "widgets", name, "-w");
        await Eventually.UntilAsync(() => watch.StandardOutput.Contains(name, StringComparison.Ordinal), ct, KubectlWait, what: $"kubectl get -w lists {name}; {watch}");

        await Http.PatchAsync(Manifests.WidgetPath(name), """{"spec":{"size":77}}""", "application/merge-patch+json", ct);

        await Eventually.UntilAsync(() => System.Text.RegularExpressions.Regex.IsMatch(watch.StandardOutput, $@"{name}\s+77"), ct, KubectlWait, what: $"kubectl get -w shows the change; {watch}");
    }

    [Test, CancelAfter(120_000)]
    public async Task Describe_shows_events_recorded_through_events_v1(CancellationToken ct)
    {
        var name = UniqueName();
        var widget = await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);
        var uid = widget["metadata"]!["uid"]!.GetValue<string>();
        var recorded = await Http.PostAsync("/apis/events.k8s.io/v1/namespaces/default/events", JsonNode.Parse($$$"""
            {
              "apiVersion": "events.k8s.io/v1", "kind": "Event",
              "metadata": { "name": "{{{name}}}.1" },
              "eventTime": "{{{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.ffffffZ}}}",
              "reportingController": "example.com/widget-operator", "reportingInstance": "op-1",
              "action": "Reconcile", "reason": "SizeChecked", "note": "the size was checked", "type": "Normal",
              "regarding": { "apiVersion": "example.com/v1", "kind": "Widget", "name": "{{{name}}}", "namespace": "default", "uid": "{{{uid}}}" }
            }
            """)!, ct);
        recorded.Status.Should().Be(201, recorded.ToString());

        var described = await Kubectl.SucceedAsync(ct, "describe", "widget", name);

        described.Should().Contain($"Name:         {name}");
        described.Should().MatchRegex(@"Normal\s+SizeChecked\s+.*the size was checked");
    }

    [Test, CancelAfter(120_000)]
    public async Task Wait_for_a_condition_returns_when_another_client_patches_the_status(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);
        using var wait = Kubectl.Start("wait", $"widget/{name}", "--for=condition=Ready", "--timeout=60s");
        await Eventually.UntilAsync(() => Server.Controls.OpenWatches > 0 || wait.HasExited, ct, KubectlWait, what: "kubectl wait watches");

        await Http.PatchAsync(Manifests.WidgetPath(name) + "/status", """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""", "application/merge-patch+json", ct);
        var result = await wait.WaitAsync(TimeSpan.FromSeconds(30), ct);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain($"widget.example.com/{name} condition met");
    }

    [Test, CancelAfter(120_000)]
    public async Task Wait_for_a_jsonpath_returns_when_another_client_patches_the_status(CancellationToken ct)
    {
        var name = UniqueName();
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);
        using var wait = Kubectl.Start("wait", $"widget/{name}", "--for=jsonpath={.status.phase}=Done", "--timeout=60s");
        await Eventually.UntilAsync(() => Server.Controls.OpenWatches > 0 || wait.HasExited, ct, KubectlWait, what: "kubectl wait watches");

        await Http.PatchAsync(Manifests.WidgetPath(name) + "/status", """{"status":{"phase":"Done"}}""", "application/merge-patch+json", ct);
        var result = await wait.WaitAsync(TimeSpan.FromSeconds(30), ct);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain($"widget.example.com/{name} condition met");
    }

    [Test, CancelAfter(120_000)]
    public async Task Explain_prints_the_schema_descriptions(CancellationToken ct)
    {
        var explained = await Kubectl.SucceedAsync(ct, "explain", "widget.spec");

        explained.Should().Contain("KIND:       Widget");
        explained.Should().Contain("Spec says what the widget should be.");
        explained.Should().Contain("Size of the widget in units.");
        explained.Should().MatchRegex(@"size\s+<integer> -required-");
    }

    [Test, CancelAfter(120_000)]
    public async Task Delete_of_an_object_with_a_finalizer_leaves_it_terminating_until_the_finalizer_is_removed(CancellationToken ct)
    {
        var name = UniqueName();
        var widget = Manifests.Widget(name);
        widget["metadata"]!["finalizers"] = new JsonArray("example.com/cleanup");
        await Manifests.CreateWidgetAsync(Http, widget, ct);

        using var delete = Kubectl.Start("delete", "widget", name, "--timeout=60s");
        await Eventually.UntilAsync(
            async token => (await Http.GetAsync(Manifests.WidgetPath(name), token)).Json?["metadata"]?["deletionTimestamp"] is not null,
            ct,
            KubectlWait,
            what: $"the widget is terminating; {delete}");
        delete.HasExited.Should().BeFalse($"kubectl delete waits while the finalizer remains; {delete}");

        await Http.PatchAsync(Manifests.WidgetPath(name), """[{"op":"remove","path":"/metadata/finalizers"}]""", "application/json-patch+json", ct);
        var result = await delete.WaitAsync(TimeSpan.FromSeconds(30), ct);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain($"widget.example.com \"{name}\" deleted");
        (await Http.GetAsync(Manifests.WidgetPath(name), ct)).Status.Should().Be(404);
    }

    [Test, CancelAfter(120_000)]
    public async Task Version_reports_the_server_as_1_33(CancellationToken ct)
    {
        var version = await Kubectl.SucceedAsync(ct, "version");

        version.Should().Contain("Server Version: v1.33.0");
    }
}
