using System.Text.Json.Nodes;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using k8s;
using k8s.Models;

namespace FutReindexOperator.IntegrationTests.Support;

/// <summary>
/// ReindexPlans in an <see cref="OperatorHarness"/>: one Service per simulated FUT service (each at its own simulated
/// HAPI server), and the plan calls a test needs.
/// </summary>
public static class PlanWorld
{
    /// <summary>The harness with a simulated HAPI server behind a Service of its own for each of <paramref name="services"/>.</summary>
    public static async Task<OperatorHarness> StartAsync(
        IReadOnlyList<string> services, CancellationToken cancellationToken, bool startOperator = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var world = await OperatorHarness.StartAsync(
            cancellationToken,
            simulator: options =>
            {
                foreach (var service in services.Except(options.Services))
                {
                    options.Services.Add(service);
                }

                options.ServiceListeners = true;
            },
            settings: settings,
            startOperator: false);
        try
        {
            foreach (var service in services)
            {
                await world.Client.CoreV1.CreateNamespacedServiceAsync(
                    new V1Service
                    {
                        Metadata = new V1ObjectMeta { Name = service, NamespaceProperty = OperatorHarness.Namespace },
                        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = world.Simulator.ServicePort(service) }] },
                    },
                    OperatorHarness.Namespace,
                    cancellationToken: cancellationToken);
            }

            if (startOperator)
            {
                await world.StartOperatorAsync(cancellationToken);
            }
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }

        return world;
    }

    /// <summary>Creates plan <paramref name="name"/> over <paramref name="targets"/>, its template <see cref="OperatorHarness.Spec"/> without a target.</summary>
    public static async Task CreatePlanAsync(
        this OperatorHarness world,
        string name,
        PlanTargets targets,
        CancellationToken cancellationToken,
        int maxConcurrent = ReindexPlanSpec.DefaultMaxConcurrentTargets,
        PlanFailurePolicy policy = PlanFailurePolicy.Continue,
        IList<string>? finalizers = null)
    {
        var plan = new ReindexPlan
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = OperatorHarness.Namespace, Finalizers = finalizers },
            Spec = new ReindexPlanSpec { Targets = targets, Template = OperatorHarness.Spec(), MaxConcurrentTargets = maxConcurrent, FailurePolicy = policy },
        };
        var body = JsonNode.Parse(KubernetesJson.Serialize(plan))!.AsObject();

        // The template names no Service: each child's is its target's, at the Service's own /fhir.
        body["spec"]!["template"]!["target"] = new JsonObject();
        await world.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            body, ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorHarness.Namespace, ReindexPlan.Plural, cancellationToken: cancellationToken);
    }

    public static Task<ReindexPlan> GetPlanAsync(this OperatorHarness world, string name, CancellationToken cancellationToken)
        => world.Client.CustomObjects.GetNamespacedCustomObjectAsync<ReindexPlan>(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorHarness.Namespace, ReindexPlan.Plural, name, cancellationToken);

    public static Task PatchPlanAsync(this OperatorHarness world, string name, object mergePatch, CancellationToken cancellationToken)
        => world.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorHarness.Namespace, ReindexPlan.Plural, name, cancellationToken: cancellationToken);

    public static Task DeletePlanAsync(this OperatorHarness world, string name, CancellationToken cancellationToken)
        => world.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorHarness.Namespace, ReindexPlan.Plural, name, cancellationToken: cancellationToken);

    /// <summary>Waits until plan <paramref name="name"/> meets <paramref name="condition"/>; on timeout, says what it last was.</summary>
    public static async Task<ReindexPlan> WaitForPlanAsync(this OperatorHarness world, string name, Func<ReindexPlan, bool> condition, CancellationToken cancellationToken)
    {
        ReindexPlan? last = null;
        try
        {
            return await Eventually.UntilAsync(
                async token => last = await world.GetPlanAsync(name, token), condition, cancellationToken, OperatorHarness.OperatorReaction, TimeSpan.FromMilliseconds(100));
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            throw new TimeoutException(
                $"ReindexPlan {name} never reached the expected state; last status: {(last?.Status is null ? "none" : KubernetesJson.Serialize(last.Status))}\noperator output:\n{string.Join('\n', world.OperatorOutput.TakeLast(40))}",
                exception);
        }
    }
}
