using System.Text.Json.Nodes;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Kustomize;

/// <summary>What <c>kubectl kustomize config/default</c> renders: the cluster-wide install.</summary>
public sealed class ConfigDefaultTests
{
    private const string OperatorNamespace = "fut-reindex-operator";
    private IReadOnlyList<JsonObject> _objects = [];

    [OneTimeSetUp]
    public async Task RenderAsync() => _objects = await Support.Kustomize.RenderAsync("config/default", CancellationToken.None);

    private JsonObject Deployment => _objects.Single("Deployment");

    private JsonObject Manager => Deployment.Container("manager");

    /// <summary>The operator's own ClusterRole: the one not folded into the built-in user roles.</summary>
    private JsonObject OperatorClusterRole => _objects.OfKind("ClusterRole").Where(role => !AggregatedRoles.IsAggregated(role)).Should().ContainSingle().Subject;

    [Test]
    public void The_render_contains_the_operator_and_its_ReindexJob_and_ReindexPlan_CRDs_but_no_samples()
    {
        _objects.Select(item => (string)item["kind"]!).Should().BeEquivalentTo(
        [
            "Namespace", "CustomResourceDefinition", "CustomResourceDefinition", "ServiceAccount", "Role", "ClusterRole", "RoleBinding",
            "ClusterRoleBinding", "Service", "Deployment", "PodDisruptionBudget", "ClusterRole", "ClusterRole", "ClusterRole",
        ]);
        _objects.OfKind("CustomResourceDefinition").Select(crd => crd.Name()).Should().BeEquivalentTo("reindexjobs.fhir.fut.dk", "reindexplans.fhir.fut.dk");
    }

    [Test]
    public void Every_namespaced_object_lives_in_the_operators_namespace()
    {
        _objects.Where(item => item["kind"]!.ToString() is not ("Namespace" or "CustomResourceDefinition" or "ClusterRole" or "ClusterRoleBinding"))
            .Select(item => item.Namespace()).Should().AllBe(OperatorNamespace);
        _objects.Single("Namespace").Name().Should().Be(OperatorNamespace);
    }

    [Test]
    public void People_with_view_edit_or_admin_get_ReindexJob_access_through_aggregated_ClusterRoles()
    {
        AggregatedRoles.Grants(_objects).Should().BeEquivalentTo(AggregatedRoles.Expected);
    }

    [Test]
    public void No_aggregated_role_is_bound_or_writes_status()
    {
        var aggregated = _objects.OfKind("ClusterRole").Where(AggregatedRoles.IsAggregated).ToList();

        aggregated.Should().HaveCount(3);
        aggregated.SelectMany(RbacRule.Of).Should().NotContain(grant => grant.Resource.EndsWith("/status", StringComparison.Ordinal) && grant.Verb != "get" && grant.Verb != "list" && grant.Verb != "watch");
        _objects.OfKind("ClusterRoleBinding").Select(binding => (string)binding["roleRef"]!["name"]!)
            .Should().NotIntersectWith(aggregated.Select(role => role.Name()));
    }

    [Test]
    public void No_role_uses_a_wildcard()
    {
        var grants = _objects.Where(item => item["kind"]!.ToString() is "Role" or "ClusterRole").SelectMany(RbacRule.Of).ToList();

        grants.Should().NotBeEmpty();
        grants.Should().NotContain(grant => grant.ApiGroup.Contains('*') || grant.Resource.Contains('*') || grant.Verb.Contains('*'));
    }

    [Test]
    public void Secrets_can_only_be_read_by_name_never_listed_or_watched()
    {
        var secretVerbs = _objects.Where(item => item["kind"]!.ToString() is "Role" or "ClusterRole")
            .SelectMany(RbacRule.Of).Where(grant => grant.Resource == "secrets").Select(grant => grant.Verb);

        secretVerbs.Should().BeEquivalentTo(["get"]);
    }

    [Test]
    public void Leases_are_granted_only_in_the_operators_namespace_and_only_for_its_own_Lease()
    {
        var leaseName = Manager.Environment()["OperatorRuntime__LeaderElection__LeaseName"];
        var leaseRole = _objects.Single("Role");

        leaseRole.Namespace().Should().Be(Deployment.Namespace());
        RbacRule.Of(leaseRole).Should().BeEquivalentTo(new RbacRule[]
        {
            new("coordination.k8s.io", "leases", "create", ""),
            new("coordination.k8s.io", "leases", "get", leaseName!),
            new("coordination.k8s.io", "leases", "update", leaseName!),
        });
        _objects.Where(item => (string?)item["kind"] == "ClusterRole").SelectMany(RbacRule.Of)
            .Should().NotContain(grant => grant.Resource == "leases");
    }

    [Test]
    public void Both_roles_are_bound_to_the_operators_ServiceAccount()
    {
        var serviceAccount = _objects.Single("ServiceAccount");
        var bindings = _objects.Where(item => item["kind"]!.ToString() is "RoleBinding" or "ClusterRoleBinding").ToList();

        bindings.Select(binding => (string)binding["roleRef"]!["name"]!)
            .Should().BeEquivalentTo([_objects.Single("Role").Name(), OperatorClusterRole.Name()]);
        bindings.SelectMany(binding => binding["subjects"]!.AsArray()).Select(subject => subject!.ToJsonString())
            .Should().AllBe(new JsonObject
            {
                ["kind"] = "ServiceAccount",
                ["name"] = serviceAccount.Name(),
                ["namespace"] = serviceAccount.Namespace(),
            }.ToJsonString());
        Deployment.PodSpec()["serviceAccountName"]!.ToString().Should().Be(serviceAccount.Name());
    }

    [Test]
    public void Two_replicas_run_with_leader_election_and_know_their_pod_name_and_namespace()
    {
        Deployment["spec"]!["replicas"]!.GetValue<int>().Should().Be(2);
        Manager.Environment().Should().Contain("OperatorRuntime__LeaderElection__Enabled", "true");
        var fieldRefs = Manager["env"]!.AsArray().Where(variable => variable!["valueFrom"] is not null)
            .ToDictionary(variable => variable!["name"]!.ToString(), variable => variable!["valueFrom"]!["fieldRef"]!["fieldPath"]!.ToString());
        fieldRefs.Should().Contain("POD_NAME", "metadata.name")
            .And.Contain("POD_NAMESPACE", "metadata.namespace")
            .And.Contain("OperatorRuntime__LeaderElection__LeaseNamespace", "metadata.namespace");
    }

    [Test]
    public void The_pod_meets_the_restricted_Pod_Security_Standard()
    {
        var pod = Deployment.PodSpec()["securityContext"]!;
        var container = Manager["securityContext"]!;

        pod["runAsNonRoot"]!.GetValue<bool>().Should().BeTrue();
        pod["runAsUser"]!.GetValue<int>().Should().BePositive();
        pod["seccompProfile"]!["type"]!.ToString().Should().Be("RuntimeDefault");
        container["allowPrivilegeEscalation"]!.GetValue<bool>().Should().BeFalse();
        container["capabilities"]!["drop"].Strings().Should().Equal("ALL");
        container["capabilities"]!["add"].Should().BeNull();
        Deployment.PodSpec()["volumes"]!.AsArray().Should().OnlyContain(volume => volume!["emptyDir"] != null);
        _objects.Single("Namespace")["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]!.ToString().Should().Be("restricted");
    }

    [Test]
    public void The_root_filesystem_is_read_only_with_an_emptyDir_at_tmp()
    {
        Manager["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>().Should().BeTrue();
        var tmpMount = Manager["volumeMounts"]!.AsArray().Should().ContainSingle(mount => (string?)mount!["mountPath"] == "/tmp").Subject!;
        Deployment.PodSpec()["volumes"]!.AsArray()
            .Should().ContainSingle(volume => (string?)volume!["name"] == (string?)tmpMount["name"] && volume!["emptyDir"] != null);
    }

    [Test]
    public void Requests_and_limits_are_set_for_cpu_and_memory()
    {
        var resources = Manager["resources"]!;

        foreach (var kind in new[] { "requests", "limits" })
        {
            resources[kind]!["cpu"].Should().NotBeNull($"{kind}.cpu");
            resources[kind]!["memory"].Should().NotBeNull($"{kind}.memory");
        }
    }

    [Test]
    public void Liveness_and_readiness_probe_healthz_and_readyz_on_the_metrics_port()
    {
        Manager["livenessProbe"]!["httpGet"]!["path"]!.ToString().Should().Be("/healthz");
        Manager["readinessProbe"]!["httpGet"]!["path"]!.ToString().Should().Be("/readyz");
        Manager["livenessProbe"]!["httpGet"]!["port"]!.ToString().Should().Be("http-metrics");
        Manager["readinessProbe"]!["httpGet"]!["port"]!.ToString().Should().Be("http-metrics");
        Manager["ports"]!.AsArray().Should().ContainSingle(port => (string?)port!["name"] == "http-metrics"
            && port["containerPort"]!.ToString() == Manager.Environment()["OperatorRuntime__HttpPort"]);
    }

    [Test]
    public void The_Istio_sidecar_is_injected_and_holds_the_operator_until_the_proxy_starts()
    {
        var template = Deployment["spec"]!["template"]!["metadata"]!;

        template["labels"]!["sidecar.istio.io/inject"]!.ToString().Should().Be("true");
        var proxyConfig = JsonNode.Parse(template["annotations"]!["proxy.istio.io/config"]!.ToString())!;
        proxyConfig["holdApplicationUntilProxyStarts"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public void The_PodDisruptionBudget_keeps_one_operator_pod_through_voluntary_disruptions()
    {
        var budget = _objects.Single("PodDisruptionBudget");

        budget["spec"]!["minAvailable"]!.GetValue<int>().Should().Be(1);
        budget["spec"]!["selector"]!["matchLabels"]!.ToJsonString()
            .Should().Be(Deployment["spec"]!["selector"]!["matchLabels"]!.ToJsonString());
    }

    [Test]
    public void The_metrics_Service_selects_the_operator_pods_on_the_metrics_port()
    {
        var service = _objects.Single("Service");
        var podLabels = Deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

        service["spec"]!["selector"]!.AsObject().Should().OnlyContain(label => podLabels[label.Key]!.ToString() == label.Value!.ToString());
        service["spec"]!["ports"]!.AsArray().Should().ContainSingle(port =>
            (string?)port!["targetPort"] == "http-metrics" && (string?)port["appProtocol"] == "http");
    }
}
