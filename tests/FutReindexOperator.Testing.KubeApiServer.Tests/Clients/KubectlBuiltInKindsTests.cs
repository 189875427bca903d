using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Clients;

/// <summary>The real kubectl applies and prints ServiceAccounts, Deployments, PodDisruptionBudgets and RBAC objects.</summary>
public sealed class KubectlBuiltInKindsTests : KubectlFixture
{
    protected override bool InstallWidgets => false;

    private static string Manifest(string ns, string level) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: app
          namespace: {ns}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app
          namespace: {ns}
        rules:
        - apiGroups: [""]
          resources: [configmaps]
          verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: app
          namespace: {ns}
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: app
        subjects:
        - kind: ServiceAccount
          name: app
          namespace: {ns}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: {ns}-reader
        rules:
        - apiGroups: [""]
          resources: [namespaces]
          verbs: [get, list]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: {ns}-reader
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: {ns}-reader
        subjects:
        - kind: Group
          name: auditors
          apiGroup: rbac.authorization.k8s.io
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
          namespace: {ns}
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: app
          template:
            metadata:
              labels:
                app: app
            spec:
              serviceAccountName: app
              containers:
              - name: main
                image: busybox:1.36
                env:
                - name: LEVEL
                  value: "{level}"
                - name: MODE
                  value: batch
              - name: sidecar
                image: envoy:1
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: app
          namespace: {ns}
        spec:
          minAvailable: 1
          selector:
            matchLabels:
              app: app
        """;

    [Test, CancelAfter(120_000)]
    public async Task Apply_creates_then_leaves_unchanged_then_configures_with_a_strategic_merge(CancellationToken ct)
    {
        var ns = UniqueName("ns");
        var first = WriteManifest($"{ns}-1.yaml", Manifest(ns, "info"));
        var changed = WriteManifest($"{ns}-2.yaml", Manifest(ns, "debug"));

        var created = await Kubectl.RunAsync(ct, "apply", "-f", first);
        var again = await Kubectl.RunAsync(ct, "apply", "-f", first);
        var configured = await Kubectl.RunAsync(ct, "apply", "-f", changed);
        var environment = await Kubectl.SucceedAsync(ct, "get", "deployment", "app", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0].env[*].value}");

        created.StandardError.Should().BeEmpty();
        created.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(8).And.OnlyContain(l => l.EndsWith(" created", StringComparison.Ordinal));
        again.StandardError.Should().BeEmpty();
        again.StandardOutput.Should().Contain($"deployment.apps/app unchanged").And.Contain("serviceaccount/app unchanged")
            .And.Contain($"clusterrolebinding.rbac.authorization.k8s.io/{ns}-reader unchanged");
        // The PDB's selector has patch strategy "replace": kubectl always sends it, and says "configured", as with a real cluster.
        again.StandardOutput.Should().Contain("poddisruptionbudget.policy/app configured");
        configured.StandardError.Should().BeEmpty();
        configured.StandardOutput.Should().Contain("deployment.apps/app configured").And.Contain("role.rbac.authorization.k8s.io/app unchanged");
        environment.Trim().Should().Be("debug batch", "the env list merges by name");
    }

    [Test, CancelAfter(120_000)]
    public async Task Get_prints_the_default_columns_of_each_kind(CancellationToken ct)
    {
        var ns = UniqueName("ns");
        await Kubectl.SucceedAsync(ct, "apply", "-f", WriteManifest($"{ns}.yaml", Manifest(ns, "info")));

        var deployments = await Kubectl.SucceedAsync(ct, "get", "deploy", "-n", ns, "-o", "wide");
        var budgets = await Kubectl.SucceedAsync(ct, "get", "pdb", "-n", ns);
        var accounts = await Kubectl.SucceedAsync(ct, "get", "sa", "-n", ns);
        var roles = await Kubectl.SucceedAsync(ct, "get", "roles", "-n", ns);
        var bindings = await Kubectl.SucceedAsync(ct, "get", "rolebindings", "-n", ns, "-o", "wide");
        var clusterBindings = await Kubectl.SucceedAsync(ct, "get", "clusterrolebinding", $"{ns}-reader", "-o", "wide");

        deployments.Should().MatchRegex(@"NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR")
            .And.MatchRegex(@"app\s+0/2\s+0\s+0\s+\S+\s+main,sidecar\s+busybox:1.36,envoy:1\s+app=app");
        budgets.Should().MatchRegex(@"NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE").And.MatchRegex(@"app\s+1\s+N/A\s+0\s+");
        accounts.Should().MatchRegex(@"NAME\s+SECRETS\s+AGE").And.MatchRegex(@"app\s+0\s+");
        roles.Should().MatchRegex(@"NAME\s+CREATED AT").And.MatchRegex(@"app\s+\d{4}-\d\d-\d\dT");
        bindings.Should().MatchRegex(@"NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS").And.MatchRegex($@"app\s+Role/app\s+\S+\s+{ns}/app");
        clusterBindings.Should().MatchRegex($@"{ns}-reader\s+ClusterRole/{ns}-reader\s+\S+\s+auditors");
    }

    [Test, CancelAfter(120_000)]
    public async Task Apply_refuses_unknown_fields_of_a_built_in_kind_and_warns_with_validate_warn(CancellationToken ct)
    {
        var ns = UniqueName("ns");
        await Kubectl.SucceedAsync(ct, "create", "namespace", ns);
        var manifest = WriteManifest($"{ns}-svc.yaml", $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: typo
              namespace: {ns}
            spec:
              typo: 1
              ports:
              - port: 80
            """);

        var strict = await Kubectl.RunAsync(ct, "apply", "-f", manifest);
        var warned = await Kubectl.RunAsync(ct, "apply", "-f", manifest, "--validate=warn");
        var spec = await Kubectl.SucceedAsync(ct, "get", "service", "typo", "-n", ns, "-o", "jsonpath={.spec}");

        strict.ExitCode.Should().NotBe(0);
        strict.StandardError.Should().Contain("Service in version \"v1\" cannot be handled as a Service: strict decoding error: unknown field \"spec.typo\"");
        warned.ExitCode.Should().Be(0, warned.ToString());
        warned.StandardError.Should().Contain("Warning: unknown field \"spec.typo\"");
        spec.Should().NotContain("typo", "the server drops fields it does not know");
    }
}
