using System.Net;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.GarbageCollection;

/// <summary>ownerReferences and cascading deletion through KubernetesClient (the operator's client), as on a cluster.</summary>
public sealed class GarbageCollectionTests : ServerFixture
{
    private const string Hold = "example.com/hold";

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

    private async Task<string> CreateOwnerAsync(string name, CancellationToken ct)
    {
        var created = await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);
        return created["metadata"]!["uid"]!.GetValue<string>();
    }

    private Task<V1ConfigMap> CreateDependentAsync(string name, string ownerName, string ownerUid, CancellationToken ct, bool block = true, IList<string>? finalizers = null) =>
        _client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    Finalizers = finalizers,
                    OwnerReferences = [new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Widget", Name = ownerName, Uid = ownerUid, BlockOwnerDeletion = block, Controller = true }],
                },
            },
            "default",
            cancellationToken: ct);

    private static V1OwnerReference Reference(string name, string uid) => new() { ApiVersion = "example.com/v1", Kind = "Widget", Name = name, Uid = uid };

    private async Task<V1ConfigMap?> FindConfigMapAsync(string name, CancellationToken ct)
    {
        try
        {
            return await _client.CoreV1.ReadNamespacedConfigMapAsync(name, "default", cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<bool> WidgetGoneAsync(string name, CancellationToken ct) => (await Http.GetAsync(Manifests.WidgetPath(name), ct)).Status == 404;

    [Test, CancelAfter(20_000)]
    public async Task Deleting_an_owner_deletes_its_dependents_in_the_background(CancellationToken ct)
    {
        var owner = UniqueName();
        var uid = await CreateOwnerAsync(owner, ct);
        await CreateDependentAsync($"{owner}-a", owner, uid, ct);
        await CreateDependentAsync($"{owner}-b", owner, uid, ct, block: false);

        await _client.CustomObjects.DeleteNamespacedCustomObjectAsync("example.com", "v1", "default", "widgets", owner, cancellationToken: ct);

        await Eventually.UntilAsync(async c => await FindConfigMapAsync($"{owner}-a", c) is null && await FindConfigMapAsync($"{owner}-b", c) is null, ct);
        (await WidgetGoneAsync(owner, ct)).Should().BeTrue();
    }

    [Test, CancelAfter(20_000)]
    public async Task A_foreground_delete_keeps_the_owner_with_foregroundDeletion_until_blocking_dependents_are_gone(CancellationToken ct)
    {
        var owner = UniqueName();
        var uid = await CreateOwnerAsync(owner, ct);
        await CreateDependentAsync($"{owner}-held", owner, uid, ct, finalizers: [Hold]);

        await _client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            "example.com", "v1", "default", "widgets", owner, body: new V1DeleteOptions { PropagationPolicy = "Foreground" }, cancellationToken: ct);
        var held = await Eventually.UntilAsync(c => FindConfigMapAsync($"{owner}-held", c), d => d?.Metadata.DeletionTimestamp is not null, ct);
        var waiting = (await Http.GetAsync(Manifests.WidgetPath(owner), ct)).Body;

        waiting["metadata"]!["deletionTimestamp"].Should().NotBeNull();
        waiting["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Equal("foregroundDeletion");
        held!.Metadata.Finalizers.Should().Equal(Hold);

        await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), $"{owner}-held", "default", cancellationToken: ct);

        await Eventually.UntilAsync(c => WidgetGoneAsync(owner, c), ct);
        (await FindConfigMapAsync($"{owner}-held", ct)).Should().BeNull();
    }

    [Test, CancelAfter(20_000)]
    public async Task A_foreground_delete_does_not_wait_for_dependents_that_do_not_block(CancellationToken ct)
    {
        var owner = UniqueName();
        var uid = await CreateOwnerAsync(owner, ct);
        await CreateDependentAsync($"{owner}-free", owner, uid, ct, block: false, finalizers: [Hold]);

        await _client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            "example.com", "v1", "default", "widgets", owner, body: new V1DeleteOptions { PropagationPolicy = "Foreground" }, cancellationToken: ct);

        await Eventually.UntilAsync(c => WidgetGoneAsync(owner, c), ct);
        (await FindConfigMapAsync($"{owner}-free", ct))!.Metadata.DeletionTimestamp.Should().NotBeNull("the dependent is deleted too, and waits for its own finalizer");
    }

    [Test, CancelAfter(20_000)]
    public async Task An_orphan_delete_removes_the_owner_and_leaves_dependents_without_the_reference(CancellationToken ct)
    {
        var owner = UniqueName();
        var uid = await CreateOwnerAsync(owner, ct);
        await CreateDependentAsync($"{owner}-kept", owner, uid, ct);

        await _client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            "example.com", "v1", "default", "widgets", owner, body: new V1DeleteOptions { PropagationPolicy = "Orphan" }, cancellationToken: ct);

        await Eventually.UntilAsync(c => WidgetGoneAsync(owner, c), ct);
        var kept = await FindConfigMapAsync($"{owner}-kept", ct);
        kept.Should().NotBeNull();
        kept!.Metadata.OwnerReferences.Should().BeNullOrEmpty();
        kept.Metadata.DeletionTimestamp.Should().BeNull();
    }

    [Test, CancelAfter(20_000)]
    public async Task The_propagation_policy_is_also_read_from_the_query(CancellationToken ct)
    {
        var owner = UniqueName();
        var uid = await CreateOwnerAsync(owner, ct);
        await CreateDependentAsync($"{owner}-kept", owner, uid, ct);

        var deleted = await Http.DeleteAsync($"{Manifests.WidgetPath(owner)}?propagationPolicy=Orphan", ct);

        deleted.Status.Should().Be(200, deleted.ToString());
        await Eventually.UntilAsync(c => WidgetGoneAsync(owner, c), ct);
        (await FindConfigMapAsync($"{owner}-kept", ct))!.Metadata.OwnerReferences.Should().BeNullOrEmpty();
    }

    [Test, CancelAfter(20_000)]
    public async Task A_dependent_whose_owner_uid_does_not_exist_is_collected(CancellationToken ct)
    {
        var name = UniqueName();

        await CreateDependentAsync(name, "never-was", Guid.NewGuid().ToString(), ct);

        await Eventually.UntilAsync(async c => await FindConfigMapAsync(name, c) is null, ct);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_reference_to_an_owner_recreated_under_the_same_name_does_not_keep_the_dependent(CancellationToken ct)
    {
        var owner = UniqueName();
        var firstUid = await CreateOwnerAsync(owner, ct);
        await Http.DeleteAsync($"{Manifests.WidgetPath(owner)}?propagationPolicy=Orphan", ct);
        await Eventually.UntilAsync(c => WidgetGoneAsync(owner, c), ct);
        await CreateOwnerAsync(owner, ct);

        await CreateDependentAsync($"{owner}-stale", owner, firstUid, ct);

        await Eventually.UntilAsync(async c => await FindConfigMapAsync($"{owner}-stale", c) is null, ct);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_dependent_with_a_remaining_owner_loses_only_the_reference_to_the_deleted_one(CancellationToken ct)
    {
        var first = UniqueName();
        var second = UniqueName();
        var firstUid = await CreateOwnerAsync(first, ct);
        var secondUid = await CreateOwnerAsync(second, ct);
        var name = $"{first}-shared";
        await _client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    OwnerReferences = [Reference(first, firstUid), Reference(second, secondUid)],
                },
            },
            "default",
            cancellationToken: ct);

        await Http.DeleteAsync(Manifests.WidgetPath(first), ct);

        var kept = await Eventually.UntilAsync(c => FindConfigMapAsync(name, c), d => d?.Metadata.OwnerReferences?.Count == 1, ct);
        kept!.Metadata.OwnerReferences.Single().Uid.Should().Be(secondUid);
    }

    [Test, CancelAfter(20_000)]
    public async Task An_unknown_propagation_policy_is_invalid(CancellationToken ct)
    {
        var owner = UniqueName();
        await CreateOwnerAsync(owner, ct);

        var response = await Http.DeleteAsync($"{Manifests.WidgetPath(owner)}?propagationPolicy=Sideways", ct);

        response.Status.Should().Be(422, response.ToString());
        response.Body["message"]!.GetValue<string>().Should().Be(
            "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Sideways\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
    }
}
