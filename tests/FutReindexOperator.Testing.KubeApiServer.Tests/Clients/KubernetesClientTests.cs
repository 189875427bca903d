using System.Text.Json;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Clients;

/// <summary>KubernetesClient 21 (the operator's client) against the server, through a kubeconfig it wrote.</summary>
public sealed class KubernetesClientTests : ServerFixture
{
    private Kubernetes _client = null!;
    private string _kubeconfigPath = null!;

    [OneTimeSetUp]
    public void CreateClient()
    {
        _kubeconfigPath = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        Server.WriteKubeconfig(_kubeconfigPath);
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_kubeconfigPath));
    }

    [OneTimeTearDown]
    public void DisposeClient()
    {
        _client.Dispose();
        File.Delete(_kubeconfigPath);
    }

    [Test, CancelAfter(20_000)]
    public async Task Typed_calls_create_and_read_namespaces_secrets_and_services(CancellationToken ct)
    {
        var ns = UniqueName("ns");
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
        await _client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "creds" }, StringData = new Dictionary<string, string> { ["token"] = "s3cret" } }, ns, cancellationToken: ct);
        await _client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service { Metadata = new V1ObjectMeta { Name = "fhir" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 8080 }] } }, ns, cancellationToken: ct);

        var secret = await _client.CoreV1.ReadNamespacedSecretAsync("creds", ns, cancellationToken: ct);
        var service = await _client.CoreV1.ReadNamespacedServiceAsync("fhir", ns, cancellationToken: ct);

        System.Text.Encoding.UTF8.GetString(secret.Data["token"]).Should().Be("s3cret");
        secret.Type.Should().Be("Opaque");
        service.Spec.ClusterIP.Should().NotBeNullOrEmpty();
        service.Spec.Ports[0].Port.Should().Be(8080);
    }

    [Test, CancelAfter(20_000)]
    public async Task KubernetesClient_falls_back_to_HTTP_1_1_over_plain_http(CancellationToken ct)
    {
        await _client.CoreV1.ReadNamespaceAsync("default", cancellationToken: ct);

        Server.Controls.Requests.Recent.Last(r => r.Path == "/api/v1/namespaces/default").Protocol.Should().Be("HTTP/1.1");
    }

    [Test, CancelAfter(20_000)]
    public async Task Leases_are_created_read_and_replaced_with_optimistic_locking(CancellationToken ct)
    {
        var name = UniqueName("lease");
        var created = await _client.CoordinationV1.CreateNamespacedLeaseAsync(
            new V1Lease { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15 } }, "default", cancellationToken: ct);
        var read = await _client.CoordinationV1.ReadNamespacedLeaseAsync(name, "default", cancellationToken: ct);
        read.Spec.HolderIdentity = "b";
        read.Spec.RenewTime = DateTime.UtcNow;

        var replaced = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(read, name, "default", cancellationToken: ct);
        created.Spec.HolderIdentity = "c";
        var stale = async () => await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(created, name, "default", cancellationToken: ct);

        replaced.Spec.HolderIdentity.Should().Be("b");
        (await stale.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
    }

    [Test, CancelAfter(30_000)]
    public async Task Leader_election_with_a_lease_lock_elects_one_leader_and_hands_over(CancellationToken ct)
    {
        var leaseName = UniqueName("leader");
        LeaderElector Elector(string identity) => new(new LeaderElectionConfig(new LeaseLock(_client, "default", leaseName, identity))
        {
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromSeconds(1),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        });
        using var first = Elector("first");
        using var second = Elector("second");
        var firstLeads = new TaskCompletionSource();
        var secondLeads = new TaskCompletionSource();
        first.OnStartedLeading += () => firstLeads.TrySetResult();
        second.OnStartedLeading += () => secondLeads.TrySetResult();
        using var stopFirst = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopSecond = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var firstRun = first.RunUntilLeadershipLostAsync(stopFirst.Token);
        await firstLeads.Task.WaitAsync(ct);
        var secondRun = second.RunUntilLeadershipLostAsync(stopSecond.Token);
        var holderWhileFirstLeads = (await _client.CoordinationV1.ReadNamespacedLeaseAsync(leaseName, "default", cancellationToken: ct)).Spec.HolderIdentity;
        await stopFirst.CancelAsync();
        await secondLeads.Task.WaitAsync(ct);

        holderWhileFirstLeads.Should().Be("first");
        secondLeads.Task.IsCompletedSuccessfully.Should().BeTrue();
        (await _client.CoordinationV1.ReadNamespacedLeaseAsync(leaseName, "default", cancellationToken: ct)).Spec.HolderIdentity.Should().Be("second");
        await stopSecond.CancelAsync();

        // A stopped elector ends quietly or as cancelled, depending on whether it was renewing or waiting.
        await Task.WhenAll(firstRun, secondRun).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        new[] { firstRun, secondRun }.Should().OnlyContain(run => run.IsCompletedSuccessfully || run.IsCanceled);
    }

    [Test, CancelAfter(20_000)]
    public async Task Custom_object_calls_create_get_list_and_patch_status(CancellationToken ct)
    {
        var name = UniqueName();
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(Manifests.Widget(name), "example.com", "v1", "default", "widgets", cancellationToken: ct);
        var read = (JsonElement)await _client.CustomObjects.GetNamespacedCustomObjectAsync("example.com", "v1", "default", "widgets", name, ct);
        var rv = read.GetProperty("metadata").GetProperty("resourceVersion").GetString();

        var patch = new V1Patch($$$"""{"metadata":{"resourceVersion":"{{{rv}}}"},"status":{"phase":"Running"}}""", V1Patch.PatchType.MergePatch);
        var patched = (JsonElement)await _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(patch, "example.com", "v1", "default", "widgets", name, cancellationToken: ct);
        var stalePatch = async () => await _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(patch, "example.com", "v1", "default", "widgets", name, cancellationToken: ct);
        var list = (JsonElement)await _client.CustomObjects.ListNamespacedCustomObjectAsync("example.com", "v1", "default", "widgets", labelSelector: null, cancellationToken: ct);

        patched.GetProperty("status").GetProperty("phase").GetString().Should().Be("Running");
        (await stalePatch.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("name").GetString()).Should().Contain(name);
    }

    [Test, CancelAfter(20_000)]
    public async Task Json_patch_with_test_ops_removes_a_finalizer(CancellationToken ct)
    {
        var name = UniqueName();
        var widget = Manifests.Widget(name);
        widget["metadata"]!["finalizers"] = new System.Text.Json.Nodes.JsonArray("example.com/cleanup");
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, "example.com", "v1", "default", "widgets", cancellationToken: ct);
        var patch = new V1Patch(
            """[{"op":"test","path":"/metadata/finalizers/0","value":"example.com/cleanup"},{"op":"remove","path":"/metadata/finalizers/0"}]""",
            V1Patch.PatchType.JsonPatch);

        var patched = (JsonElement)await _client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "example.com", "v1", "default", "widgets", name, cancellationToken: ct);
        var again = async () => await _client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "example.com", "v1", "default", "widgets", name, cancellationToken: ct);

        patched.GetProperty("metadata").GetProperty("finalizers").GetArrayLength().Should().Be(0);
        (await again.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.UnprocessableEntity);
    }

    [Test, CancelAfter(20_000)]
    public async Task Watch_of_custom_objects_streams_added_and_modified_events(CancellationToken ct)
    {
        var name = UniqueName();
        var list = (JsonElement)await _client.CustomObjects.ListNamespacedCustomObjectAsync("example.com", "v1", "default", "widgets", cancellationToken: ct);
        var listVersion = list.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var events = _client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            "example.com", "v1", "default", "widgets", allowWatchBookmarks: true, resourceVersion: listVersion, timeoutSeconds: 10, cancellationToken: ct);
        await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);
        await Http.PatchAsync(Manifests.WidgetPath(name), """{"spec":{"size":4}}""", "application/merge-patch+json", ct);

        var seen = new List<(WatchEventType Type, string? Name)>();
        await foreach (var (type, item) in events)
        {
            seen.Add((type, ((JsonElement)item).GetProperty("metadata").GetProperty("name").GetString()));
            if (seen.Count == 2)
            {
                break;
            }
        }

        seen.Should().Equal((WatchEventType.Added, name), (WatchEventType.Modified, name));
    }

    [Test, CancelAfter(20_000)]
    public async Task Events_created_and_patched_through_events_v1_are_seen_through_core_v1(CancellationToken ct)
    {
        var name = UniqueName("ev");
        var created = await _client.EventsV1.CreateNamespacedEventAsync(
            new Eventsv1Event
            {
                Metadata = new V1ObjectMeta { Name = name },
                EventTime = DateTime.UtcNow,
                ReportingController = "example.com/operator",
                ReportingInstance = "pod-1",
                Action = "Reconcile",
                Reason = "Started",
                Note = "it started",
                Type = "Normal",
                Regarding = new V1ObjectReference { Kind = "Widget", Name = "target-" + name, NamespaceProperty = "default", ApiVersion = "example.com/v1" },
            },
            "default",
            cancellationToken: ct);
        var series = new V1Patch("""{"series":{"count":2,"lastObservedTime":"2026-01-01T00:00:00.000000Z"}}""", V1Patch.PatchType.MergePatch);
        await _client.EventsV1.PatchNamespacedEventAsync(series, name, "default", cancellationToken: ct);

        var core = await _client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: $"involvedObject.name=target-{name},involvedObject.kind=Widget", cancellationToken: ct);
        var viaRegarding = await _client.EventsV1.ListNamespacedEventAsync("default", fieldSelector: $"regarding.name=target-{name}", cancellationToken: ct);

        created.Regarding.Name.Should().Be("target-" + name);
        core.Items.Should().ContainSingle().Which.Message.Should().Be("it started");
        core.Items[0].InvolvedObject.Kind.Should().Be("Widget");
        core.Items[0].Series.Count.Should().Be(2);
        viaRegarding.Items.Should().ContainSingle().Which.Note.Should().Be("it started");
    }
}
