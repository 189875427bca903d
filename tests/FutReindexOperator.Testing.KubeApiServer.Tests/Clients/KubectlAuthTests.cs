using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Clients;

/// <summary><c>kubectl auth can-i</c>, <c>auth whoami</c> and <c>--as</c> impersonation against RBAC applied with kubectl.</summary>
public sealed class KubectlAuthTests : KubectlFixture
{
    private string _namespace = null!;
    private string Account => $"system:serviceaccount:{_namespace}:worker";

    [OneTimeSetUp]
    public async Task ApplyTheWorkersRbacAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _namespace = UniqueName("ns");
        var manifest = WriteManifest("worker-rbac.yaml", $"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {_namespace}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: worker
              namespace: {_namespace}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: worker
              namespace: {_namespace}
            rules:
              - apiGroups: ["example.com"]
                resources: ["widgets"]
                verbs: ["get", "list", "watch"]
              - apiGroups: ["example.com"]
                resources: ["widgets/status"]
                verbs: ["patch"]
              - apiGroups: ["coordination.k8s.io"]
                resources: ["leases"]
                resourceNames: ["worker-leader"]
                verbs: ["get", "update"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: worker
              namespace: {_namespace}
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: Role
              name: worker
            subjects:
              - kind: ServiceAccount
                name: worker
                namespace: {_namespace}
            """);
        await Kubectl.SucceedAsync(timeout.Token, "apply", "-f", manifest);
    }

    [TestCase("list", "widgets", "yes")]
    [TestCase("watch", "widgets", "yes")]
    [TestCase("patch", "widgets", "no")]
    [TestCase("delete", "widgets", "no")]
    [TestCase("get", "leases/worker-leader", "yes")]
    [TestCase("get", "leases/another", "no")]
    [TestCase("get", "secrets", "no")]
    [CancelAfter(60_000)]
    public async Task Can_i_as_the_service_account_answers_what_its_role_grants(string verb, string resource, string answer, CancellationToken ct)
    {
        var result = await Kubectl.RunAsync(ct, "auth", "can-i", verb, resource, "-n", _namespace, $"--as={Account}");

        result.StandardOutput.Trim().Should().Be(answer, result.ToString());
        result.ExitCode.Should().Be(answer == "yes" ? 0 : 1);
    }

    [Test, CancelAfter(60_000)]
    public async Task Can_i_patch_the_status_subresource_is_yes_though_the_resource_is_no(CancellationToken ct)
    {
        var status = await Kubectl.RunAsync(ct, "auth", "can-i", "patch", "widgets", "--subresource=status", "-n", _namespace, $"--as={Account}");

        status.StandardOutput.Trim().Should().Be("yes", status.ToString());
    }

    [Test, CancelAfter(60_000)]
    public async Task Can_i_in_another_namespace_is_no(CancellationToken ct)
    {
        var result = await Kubectl.RunAsync(ct, "auth", "can-i", "list", "widgets", "-n", "default", $"--as={Account}");

        result.StandardOutput.Trim().Should().Be("no", result.ToString());
    }

    [Test, CancelAfter(60_000)]
    public async Task Can_i_list_shows_the_granted_rules(CancellationToken ct)
    {
        var output = await Kubectl.SucceedAsync(ct, "auth", "can-i", "--list", "-n", _namespace, $"--as={Account}");

        output.Should().MatchRegex(@"widgets\.example\.com/status\s+\[\]\s+\[\]\s+\[patch\]");
        output.Should().MatchRegex(@"leases\.coordination\.k8s\.io\s+\[\]\s+\[worker-leader\]\s+\[get update\]");
        output.Should().MatchRegex(@"selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]");
    }

    [Test, CancelAfter(60_000)]
    public async Task Whoami_as_the_service_account_names_it_and_its_groups(CancellationToken ct)
    {
        var output = await Kubectl.SucceedAsync(ct, "auth", "whoami", $"--as={Account}", "-o", "json");

        output.Should().Contain($"\"username\": \"{Account}\"").And.Contain("\"system:serviceaccounts:" + _namespace + "\"").And.Contain("\"system:authenticated\"");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_forbidden_request_prints_kube_apiservers_message(CancellationToken ct)
    {
        var result = await Kubectl.RunAsync(ct, "get", "secrets", "-n", _namespace, $"--as={Account}");

        result.ExitCode.Should().Be(1);
        result.StandardError.Trim().Should().Be(
            $"Error from server (Forbidden): secrets is forbidden: User \"{Account}\" cannot list resource \"secrets\" in API group \"\" in the namespace \"{_namespace}\"");
    }

    [Test, CancelAfter(60_000)]
    public async Task As_group_adds_the_groups_grants(CancellationToken ct)
    {
        var asUser = await Kubectl.RunAsync(ct, "auth", "can-i", "delete", "widgets", "-n", _namespace, "--as=alice");
        var asMaster = await Kubectl.RunAsync(ct, "auth", "can-i", "delete", "widgets", "-n", _namespace, "--as=alice", "--as-group=system:masters");

        asUser.StandardOutput.Trim().Should().Be("no");
        asMaster.StandardOutput.Trim().Should().Be("yes");
    }
}
