using FutReindexOperator.Crd;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.World;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// The operator on a cluster upgraded with Helm but without applying the new ReindexPlan CRD (Helm never
/// upgrades crds/): ready, jobs reconciled, one error naming the CRD and how to install it, and plans reconciled
/// once the CRD is applied, without a restart.
/// </summary>
public sealed class MissingPlanCrdTests
{
    private const string PlanCrd = $"{ReindexPlan.Plural}.{ReindexJob.ApiGroup}";

    [Test]
    [CancelAfter(120_000)]
    public async Task Without_the_ReindexPlan_CRD_the_operator_is_ready_runs_jobs_and_starts_plans_once_the_CRD_is_applied(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(
            cancellationToken, simulator: PlanWorld.Servers(["careplan"]), startOperator: false, settings: new Dictionary<string, string> { ["OperatorRuntime__WatchCrdMissingRetryMax"] = "00:00:01" });
        await world.CreatePlanServicesAsync(["careplan"], cancellationToken);
        await world.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(PlanCrd, cancellationToken: cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        world.Simulator.Controls.SetServiceScript("careplan", JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));

        // Starting waits until every cache has synced (what "Operator ready" says).
        await world.StartOperatorAsync(cancellationToken);
        using var http = new HttpClient { BaseAddress = world.Operator!.HttpAddress };
        using var readiness = await http.GetAsync(new Uri("/readyz", UriKind.Relative), cancellationToken);
        var readinessBody = await readiness.Content.ReadAsStringAsync(cancellationToken);
        await world.CreateJobAsync("organization-reindex", InProcessWorld.Spec(), cancellationToken);
        await world.WaitForPhaseAsync("organization-reindex", ReindexPhase.Succeeded, cancellationToken);

        readiness.IsSuccessStatusCode.Should().BeTrue(readinessBody);
        readinessBody.Should().StartWith("Degraded\n").And.Contain($"reindexplan needs {PlanCrd}");
        (await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken))
            .Should().Contain("operator_runtime_watch_crd_missing{controller=\"reindexplan\",namespace=\"\"} 1");

        await world.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
            KubernetesYaml.Deserialize<V1CustomResourceDefinition>(CrdGenerator.GeneratePlanYaml()), cancellationToken: cancellationToken);
        await world.CreatePlanAsync("fut", new PlanTargets { Services = ["careplan"] }, cancellationToken);
        var plan = await world.WaitForPlanAsync("fut", plan => plan.Status?.CompletionTime is not null, cancellationToken);

        plan.Status!.Phase.Should().Be(PlanPhase.Succeeded);
        world.Operator.HasStopped.Should().BeFalse("the plan controller started in the running operator");
        var errors = world.OperatorOutput.Where(line => line.Contains("controller cannot start", StringComparison.Ordinal)).ToList();
        errors.Should().ContainSingle().Which.Should().Contain(PlanCrd).And.Contain("kubectl apply --server-side -f charts/fut-reindex-operator/crds/fhir.fut.dk_reindexplans.yaml");
        await Eventually.UntilAsync(
            async token => await http.GetStringAsync(new Uri("/readyz", UriKind.Relative), token),
            body => body.StartsWith("Healthy\n", StringComparison.Ordinal),
            cancellationToken,
            what: "readiness is Healthy again");
    }
}
