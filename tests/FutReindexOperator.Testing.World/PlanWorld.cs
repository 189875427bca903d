using System.Text.Json.Nodes;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Testing.World;

/// <summary>
/// ReindexPlans in an <see cref="OperatorWorld"/>: one Service per simulated FUT service (each at its own simulated
/// HAPI server), and the plan calls a test needs.
/// </summary>
public static class PlanWorld
{
    /// <summary>The label a plan's selector picks Services by in these tests.</summary>
    public const string ReindexLabel = "fhir.fut.dk/reindex";

    /// <summary>Simulator options with a HAPI server of its own (its own port) for each of <paramref name="services"/>.</summary>
    public static Action<HapiSimulatorOptions> Servers(IReadOnlyList<string> services)
        => options =>
        {
            foreach (var service in services.Except(options.Services))
            {
                options.Services.Add(service);
            }

            options.ServiceListeners = true;
        };

    /// <summary>
    /// Creates a Service for each of <paramref name="services"/> in front of its own simulated server (see
    /// <see cref="Servers"/>), whose jobs end Succeeded after one poll until the test scripts them otherwise; those in
    /// <paramref name="labelled"/> carry <see cref="ReindexLabel"/>=true.
    /// </summary>
    public static async Task CreatePlanServicesAsync(
        this OperatorWorld world, IEnumerable<string> services, CancellationToken cancellationToken, IReadOnlyCollection<string>? labelled = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        foreach (var service in services)
        {
            world.Simulator.Controls.SetServiceScript(service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
            await world.Client.CoreV1.CreateNamespacedServiceAsync(
                new V1Service
                {
                    Metadata = new V1ObjectMeta
                    {
                        Name = service,
                        NamespaceProperty = OperatorWorld.Namespace,
                        Labels = labelled?.Contains(service) == true ? new Dictionary<string, string> { [ReindexLabel] = "true" } : null,
                    },
                    Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = world.Simulator.ServicePort(service) }] },
                },
                OperatorWorld.Namespace,
                cancellationToken: cancellationToken);
        }
    }

    /// <summary>Creates plan <paramref name="name"/> over <paramref name="targets"/>, its template <see cref="OperatorWorld.Spec"/> without a target.</summary>
    public static async Task CreatePlanAsync(
        this OperatorWorld world,
        string name,
        PlanTargets targets,
        CancellationToken cancellationToken,
        int maxConcurrent = ReindexPlanSpec.DefaultMaxConcurrentTargets,
        PlanFailurePolicy policy = PlanFailurePolicy.Continue,
        IList<string>? finalizers = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        var plan = new ReindexPlan
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = OperatorWorld.Namespace, Finalizers = finalizers },
            Spec = new ReindexPlanSpec { Targets = targets, Template = OperatorWorld.Spec(), MaxConcurrentTargets = maxConcurrent, FailurePolicy = policy },
        };
        var body = JsonNode.Parse(KubernetesJson.Serialize(plan))!.AsObject();

        // The template names no Service: each child's is its target's, at the Service's own /fhir.
        body["spec"]!["template"]!["target"] = new JsonObject();
        await world.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            body, ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorWorld.Namespace, ReindexPlan.Plural, cancellationToken: cancellationToken);
    }

    public static Task<ReindexPlan> GetPlanAsync(this OperatorWorld world, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(world);
        return world.Client.CustomObjects.GetNamespacedCustomObjectAsync<ReindexPlan>(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorWorld.Namespace, ReindexPlan.Plural, name, cancellationToken);
    }

    public static Task PatchPlanAsync(this OperatorWorld world, string name, object mergePatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(world);
        return world.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorWorld.Namespace, ReindexPlan.Plural, name, cancellationToken: cancellationToken);
    }

    public static Task DeletePlanAsync(this OperatorWorld world, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(world);
        return world.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorWorld.Namespace, ReindexPlan.Plural, name, cancellationToken: cancellationToken);
    }

    /// <summary>The children of plan <paramref name="name"/> (by its label), oldest first.</summary>
    public static async Task<IReadOnlyList<ReindexJob>> ListChildrenAsync(this OperatorWorld world, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(world);
        var list = await world.Client.CustomObjects.ListNamespacedCustomObjectAsync<ReindexJobList>(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorWorld.Namespace, ReindexJob.Plural, labelSelector: $"{ReindexPlan.PlanLabel}={name}", cancellationToken: cancellationToken);
        return [.. list.Items.OrderBy(job => job.Metadata.CreationTimestamp)];
    }

    /// <summary>
    /// GETs plan <paramref name="name"/> until <paramref name="condition"/> holds; the test's cancellation is the
    /// deadline, reported as a <see cref="TimeoutException"/> with the plan's last status and the operator's last lines.
    /// </summary>
    public static async Task<ReindexPlan> WaitForPlanAsync(this OperatorWorld world, string name, Func<ReindexPlan, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(world);
        ReindexPlan? last = null;
        try
        {
            return await Eventually.UntilAsync(
                async token => last = await world.GetPlanAsync(name, token), condition, cancellationToken, Timeout.InfiniteTimeSpan, TimeSpan.FromMilliseconds(100));
        }
        catch (OperationCanceledException exception)
        {
            throw new TimeoutException(
                $"ReindexPlan {name} never reached the expected state; last status: {(last?.Status is null ? "none" : KubernetesJson.Serialize(last.Status))}{world.OutputTail()}",
                exception);
        }
    }
}
