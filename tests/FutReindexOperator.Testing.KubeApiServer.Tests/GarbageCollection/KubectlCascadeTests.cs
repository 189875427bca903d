using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.GarbageCollection;

/// <summary><c>kubectl delete --cascade=background|foreground|orphan</c> against owners with dependents.</summary>
public sealed class KubectlCascadeTests : KubectlFixture
{
    private async Task<string> CreateOwnerAsync(string name, CancellationToken ct)
    {
        var created = await Manifests.CreateWidgetAsync(Http, Manifests.Widget(name), ct);
        return created["metadata"]!["uid"]!.GetValue<string>();
    }

    private async Task CreateDependentAsync(string name, string owner, string uid, CancellationToken ct, string finalizers = "[]")
    {
        var path = WriteManifest($"{name}.yaml", $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {name}
              finalizers: {finalizers}
              ownerReferences:
              - apiVersion: example.com/v1
                kind: Widget
                name: {owner}
                uid: {uid}
                controller: true
                blockOwnerDeletion: true
            data:
              a: b
            """);
        await Kubectl.SucceedAsync(ct, "apply", "-f", path);
    }

    private async Task<bool> GoneAsync(string kind, string name, CancellationToken ct)
    {
        var result = await Kubectl.RunAsync(ct, "get", kind, name, "--ignore-not-found", "-o", "name");
        return result.ExitCode == 0 && result.StandardOutput.Trim().Length == 0;
    }

    [Test, CancelAfter(120_000)]
    public async Task Cascade_background_deletes_the_owner_then_its_dependents(CancellationToken ct)
    {
        var owner = UniqueName();
        await CreateDependentAsync($"{owner}-a", owner, await CreateOwnerAsync(owner, ct), ct);

        var deleted = await Kubectl.SucceedAsync(ct, "delete", "widget", owner, "--cascade=background");

        deleted.Should().Contain($"widget.example.com \"{owner}\" deleted");
        await Eventually.UntilAsync(c => GoneAsync("configmap", $"{owner}-a", c), ct, TimeSpan.FromSeconds(60));
    }

    [Test, CancelAfter(120_000)]
    public async Task Cascade_orphan_keeps_dependents_without_the_owner_reference(CancellationToken ct)
    {
        var owner = UniqueName();
        await CreateDependentAsync($"{owner}-a", owner, await CreateOwnerAsync(owner, ct), ct);

        await Kubectl.SucceedAsync(ct, "delete", "widget", owner, "--cascade=orphan");
        var references = await Kubectl.SucceedAsync(ct, "get", "configmap", $"{owner}-a", "-o", "jsonpath={.metadata.ownerReferences}");

        (await GoneAsync("widget", owner, ct)).Should().BeTrue("kubectl waits for the orphaning owner to go");
        references.Trim().Should().BeEmpty();
    }

    [Test, CancelAfter(120_000)]
    public async Task Cascade_foreground_holds_the_owner_until_its_blocking_dependent_is_gone(CancellationToken ct)
    {
        var owner = UniqueName();
        await CreateDependentAsync($"{owner}-held", owner, await CreateOwnerAsync(owner, ct), ct, finalizers: "[example.com/hold]");

        await Kubectl.SucceedAsync(ct, "delete", "widget", owner, "--cascade=foreground", "--wait=false");
        await Eventually.UntilAsync(async c => (await Kubectl.SucceedAsync(c, "get", "configmap", $"{owner}-held", "-o", "jsonpath={.metadata.deletionTimestamp}")).Trim().Length > 0, ct, TimeSpan.FromSeconds(60));
        var finalizers = await Kubectl.SucceedAsync(ct, "get", "widget", owner, "-o", "jsonpath={.metadata.finalizers}");
        await Kubectl.SucceedAsync(ct, "patch", "configmap", $"{owner}-held", "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");
        await Eventually.UntilAsync(c => GoneAsync("widget", owner, c), ct, TimeSpan.FromSeconds(60));

        finalizers.Should().Contain("foregroundDeletion");
        (await GoneAsync("configmap", $"{owner}-held", ct)).Should().BeTrue();
    }
}
