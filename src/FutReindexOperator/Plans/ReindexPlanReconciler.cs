using System.Net;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FutReindexOperator.Plans;

/// <summary>
/// The I/O shell around <see cref="PlanDecider"/>: it reads the plan's Services (only when a run may start) and its
/// children (from the shared ReindexJob cache, by name), asks for a decision and carries it out in order: the status
/// first (fenced by leadership and locked on the resourceVersion decided on: the write gates the child writes that
/// follow, so a decision on an old copy, a new leader's whose cache lags the old leader's writes, say, is refused
/// before it can rerun or create a child for a run that has moved on), then the children, then the events. It decides only on caches
/// that have seen its own last writes (<see cref="PlanExpectations"/>): a plan the cache shows older than this
/// process's last status write is looked at again after <see cref="StaleCacheRecheck"/>, and a child it created counts
/// as there until the ReindexJob cache shows it. A child that exists already when created (created by another process,
/// or before a restart) is left alone: names are deterministic, so a repeat never makes a second child.
/// </summary>
public sealed class ReindexPlanReconciler(
    IResourceCache<ReindexJob> jobs,
    PlanExpectations expectations,
    IStatusWriter statusWriter,
    IEventRecorder events,
    IKubernetes client,
    TimeProvider timeProvider,
    ILogger<ReindexPlanReconciler> logger) : IReconciler<ReindexPlan>
{
    /// <summary>How soon a plan is looked at again while the ReindexJob cache has not been listed yet.</summary>
    public static readonly TimeSpan JobCacheWait = TimeSpan.FromMilliseconds(500);

    /// <summary>How soon a plan the cache shows older than this process's own last status write is looked at again.</summary>
    public static readonly TimeSpan StaleCacheRecheck = TimeSpan.FromSeconds(1);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<ReindexPlan> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = request.Resource;
        if (request.IsDeleted || plan.Metadata.DeletionTimestamp is not null)
        {
            // Its children go by garbage collection (their owner reference blocks nothing the plan does).
            expectations.Forget(plan);
            return ReconcileResult.Done;
        }

        if (expectations.IsStale(plan))
        {
            // The requeue looks again once the cache shows this process's own last write (whose watch event queues nothing).
            return new ReconcileResult.RequeueAfter(StaleCacheRecheck);
        }

        if (!jobs.HasSynced)
        {
            // A child missing from an unsynced cache would look deleted: wait until every ReindexJob has been listed.
            return new ReconcileResult.RequeueAfter(JobCacheWait);
        }

        var ns = plan.Metadata.NamespaceProperty;
        IReadOnlyList<ServiceFacts>? services = null;
        if (PlanDecider.WantsServices(plan))
        {
            var list = await client.CoreV1.ListNamespacedServiceAsync(ns, cancellationToken: cancellationToken);
            services = [.. list.Items.Select(service => new ServiceFacts(
                service.Metadata.Name, service.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels) : new Dictionary<string, string>()))];
        }

        var observation = new PlanObservation(services, expectations.JobNamed(plan, name => jobs.TryGet(new ObjectKey(ns, name), out var job) ? job : null));
        var decision = PlanDecider.Decide(plan, observation, timeProvider.GetUtcNow());
        var written = await statusWriter.PatchStatusAsync(plan, decision.Status, cancellationToken);
        expectations.Wrote(plan, written);
        foreach (var action in decision.ChildActions)
        {
            switch (action)
            {
                case PlanChildAction.Create create:
                    await CreateAsync(written, create.Child, cancellationToken);
                    logger.ChildCreated(request.Key.ToString(), create.Child.Metadata.Name);
                    break;
                case PlanChildAction.Rerun rerun:
                    await RerunAsync(ns, rerun.ChildName, rerun.Token, cancellationToken);
                    logger.ChildRerun(request.Key.ToString(), rerun.ChildName);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown child action {action.GetType().Name}.");
            }
        }

        foreach (var note in decision.Events)
        {
            events.Record(written, note.Type, note.Reason, note.Action, note.Note);
        }

        return decision.RequeueAfter is { } delay ? new ReconcileResult.RequeueAfter(delay) : ReconcileResult.Done;
    }

    private async Task CreateAsync(ReindexPlan plan, ReindexJob child, CancellationToken cancellationToken)
    {
        try
        {
            var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync<ReindexJob>(
                child, ReindexJob.ApiGroup, ReindexJob.ApiVersionName, child.Metadata.NamespaceProperty, ReindexJob.Plural, cancellationToken: cancellationToken);
            expectations.Created(plan, created);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Created before this process's expectations (another process, or before a restart); the cache shows it soon.
        }
    }

    private async Task RerunAsync(string ns, string name, string token, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(
            new { metadata = new { annotations = new Dictionary<string, string> { [ReindexJob.RerunAnnotation] = token } } },
            V1Patch.PatchType.MergePatch);
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, ReindexJob.ApiGroup, ReindexJob.ApiVersionName, ns, ReindexJob.Plural, name, cancellationToken: cancellationToken);
    }
}
