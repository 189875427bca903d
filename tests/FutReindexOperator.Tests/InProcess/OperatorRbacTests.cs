using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.OperatorHost;
using FutReindexOperator.Testing.World;
using k8s;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>The operator as its ServiceAccount under the RBAC that ships, and what it does when a permission is missing.</summary>
public sealed class OperatorRbacTests
{
    [TestCase(OperatorRbac.ClusterWide)]
    [TestCase(OperatorRbac.Namespaced)]
    [CancelAfter(90_000)]
    public async Task A_job_succeeds_with_no_request_of_the_operator_refused(OperatorRbac rbac, CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken, rbac: rbac);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));

        await world.CreateJobAsync("reindex-as-account", InProcessWorld.Spec(), cancellationToken);
        await world.WaitForPhaseAsync("reindex-as-account", ReindexPhase.Succeeded, cancellationToken);
        await world.WaitForEventAsync("reindex-as-account", "Succeeded", cancellationToken);

        world.ForbiddenOperatorRequests.Should().BeEmpty();
        world.Api.Controls.Requests.Recent.Should().Contain(request => request.Resource == "leases.coordination.k8s.io" && request.StatusCode < 300,
            "the operator takes its Lease under the leader-election Role");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Without_get_on_services_the_job_reports_the_403_in_status_and_logs_and_proceeds_once_granted(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken, rbac: OperatorRbac.ClusterWide);
        world.ExpectsForbiddenRequests = true;
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        var role = await world.Client.RbacAuthorizationV1.ReadClusterRoleAsync("fut-reindex-operator", cancellationToken: cancellationToken);
        var servicesRule = role.Rules.Single(rule => rule.Resources.Contains("services"));
        role.Rules.Remove(servicesRule);
        await world.Client.RbacAuthorizationV1.ReplaceClusterRoleAsync(role, role.Metadata.Name, cancellationToken: cancellationToken);

        await world.CreateJobAsync("reindex-no-services", InProcessWorld.Spec(), cancellationToken);
        var refused = await world.WaitForJobAsync("reindex-no-services", job => job.Status?.Message?.Contains("HTTP 403", StringComparison.Ordinal) == true, cancellationToken);

        var expected = $"services \"{InProcessWorld.Service}\" is forbidden: User \"{InProcessWorld.OperatorUser}\" cannot get resource \"services\" in API group \"\" in the namespace \"{InProcessWorld.Namespace}\"";
        refused.Status!.Phase.Should().Be(ReindexPhase.Pending);
        refused.Status.Message.Should().Contain($"cannot read Service {InProcessWorld.Namespace}/{InProcessWorld.Service}").And.Contain(expected);
        await Eventually.UntilAsync(() => world.OperatorOutput.Any(line => line.Contains("warn", StringComparison.Ordinal) && line.Contains(expected, StringComparison.Ordinal)),
            cancellationToken, InProcessWorld.OperatorReaction, what: "the operator logs the refusal as a warning");
        world.ForbiddenOperatorRequests.Should().OnlyContain(denial => denial.Verb == "get" && denial.Resource == "services");

        role = await world.Client.RbacAuthorizationV1.ReadClusterRoleAsync("fut-reindex-operator", cancellationToken: cancellationToken);
        role.Rules.Add(servicesRule);
        await world.Client.RbacAuthorizationV1.ReplaceClusterRoleAsync(role, role.Metadata.Name, cancellationToken: cancellationToken);
        await world.WaitForPhaseAsync("reindex-no-services", ReindexPhase.Succeeded, cancellationToken);
    }

    [TestCase(OperatorRbac.ClusterWide)]
    [TestCase(OperatorRbac.Namespaced)]
    [CancelAfter(120_000)]
    public async Task Kubectl_auth_can_i_as_the_service_account_answers_as_the_manifests_grant(OperatorRbac rbac, CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken, startOperator: false, rbac: rbac);
        var account = $"--as={InProcessWorld.OperatorUser}";
        var jobs = InProcessWorld.Namespace;
        var own = $"{RbacInstall.OperatorNamespace}";
        (string Question, string Namespace, bool Allowed)[] questions =
        [
            ("get reindexjobs.fhir.fut.dk", jobs, true),
            ("list reindexjobs.fhir.fut.dk", jobs, true),
            ("watch reindexjobs.fhir.fut.dk", jobs, true),
            ("patch reindexjobs.fhir.fut.dk --subresource=status", jobs, true),
            ("update reindexjobs.fhir.fut.dk --subresource=status", jobs, false),
            // A plan creates its children and reruns them through their annotation; it never deletes them.
            ("create reindexjobs.fhir.fut.dk", jobs, true),
            ("patch reindexjobs.fhir.fut.dk", jobs, true),
            ("delete reindexjobs.fhir.fut.dk", jobs, false),
            ("get reindexplans.fhir.fut.dk", jobs, true),
            ("watch reindexplans.fhir.fut.dk", jobs, true),
            ("patch reindexplans.fhir.fut.dk --subresource=status", jobs, true),
            ("update reindexplans.fhir.fut.dk --subresource=finalizers", jobs, true),
            ("patch reindexplans.fhir.fut.dk", jobs, false),
            ("delete reindexplans.fhir.fut.dk", jobs, false),
            ("create events.events.k8s.io", jobs, true),
            ("patch events.events.k8s.io", jobs, true),
            ("get services", jobs, true),
            ("list services", jobs, true),
            ("watch services", jobs, false),
            ("get secrets", jobs, true),
            ("list secrets", jobs, false),
            ("watch secrets", jobs, false),
            ("create leases.coordination.k8s.io", own, true),
            ("get leases.coordination.k8s.io/fut-reindex-operator-leader", own, true),
            ("update leases.coordination.k8s.io/fut-reindex-operator-leader", own, true),
            ("get leases.coordination.k8s.io/another-lease", own, false),
            ("create leases.coordination.k8s.io", jobs, false),
            ("get secrets", "kube-system", rbac == OperatorRbac.ClusterWide),
            ("list reindexjobs.fhir.fut.dk --all-namespaces", "", rbac == OperatorRbac.ClusterWide),
        ];

        foreach (var (question, ns, allowed) in questions)
        {
            string[] arguments = ["auth", "can-i", .. question.Split(' '), account, .. ns.Length > 0 ? new[] { "-n", ns } : []];
            var (exitCode, output) = await Kubectl.RunAsync(world.KubeconfigPath, cancellationToken, arguments);

            output.Trim().Should().Be(allowed ? "yes" : "no", $"kubectl {string.Join(' ', arguments)} ({rbac})");
            exitCode.Should().Be(allowed ? 0 : 1);
        }
    }
}
