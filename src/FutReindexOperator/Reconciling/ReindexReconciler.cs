using FutReindexOperator.Auth;
using FutReindexOperator.Decisions;
using FutReindexOperator.Diagnostics;
using FutReindexOperator.Fhir;
using FutReindexOperator.Kubernetes;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;
using FutReindexOperator.Targets;
using Microsoft.Extensions.Options;

namespace FutReindexOperator.Reconciling;

/// <summary>
/// The I/O shell around <see cref="ReindexDecider"/>: it observes (cache, Service, peers, the slots this process
/// reserved, jitter, time), asks for a decision, and carries out its actions in order. Every choice is the decider's;
/// this class only reads and writes, and reserves the target's slot (see <see cref="TargetSlotReservations"/>) before
/// it writes a submission marker. <paramref name="reservations"/> must be the one instance of the process (a singleton),
/// shared by every scope's reconciler, and so must <paramref name="written"/>.
/// </summary>
public sealed class ReindexReconciler(
    IResourceCache<ReindexJob> cache,
    IReconcileQueue<ReindexJob> queue,
    IStatusWriter statusWriter,
    IEventRecorder events,
    IServiceReader services,
    CredentialProvider credentials,
    FhirReindexClient fhir,
    ReindexMetrics metrics,
    IOptions<ReindexOperatorPolicy> policy,
    IOptions<TargetOptions> targets,
    TimeProvider timeProvider,
    ILogger<ReindexReconciler> logger,
    TargetSlotReservations reservations,
    WrittenVersions written) : IReconciler<ReindexJob>
{
    /// <summary>
    /// How long after a job ends its waiting peers are woken: long enough for the cache to see the end, so that they do
    /// not count the job as running (they also look again every <see cref="ReindexOperatorPolicy.WaitingRecheck"/>).
    /// </summary>
    public static readonly TimeSpan PeerWakeDelay = TimeSpan.FromMilliseconds(300);

    /// <summary>How soon a job the cache shows older than this process's own last write is looked at again.</summary>
    public static readonly TimeSpan StaleCacheRecheck = TimeSpan.FromSeconds(1);

    /// <summary>The cache index of jobs by the FHIR base they target (<see cref="PeerJob.TargetOf"/>): a reconcile reads its peers from it.</summary>
    public const string TargetIndex = "fhir-target";

    /// <summary>The index this reconciler needs; register it with the controller.</summary>
    public static CacheIndex<ReindexJob> TargetCacheIndex { get; } = new(TargetIndex, PeerJob.TargetOf);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<ReindexJob> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsDeleted)
        {
            logger.JobDeleted(request.Key.ToString());
            reservations.Release(PeerJob.TargetOf(request.Resource), PeerJob.KeyOf(request.Resource));
            written.Forget(PeerJob.KeyOf(request.Resource));
            WakeWaitingPeers(request.Resource);
            return ReconcileResult.Done;
        }

        var job = cache.TryGet(request.Key, out var cached) ? cached : request.Resource;
        var (target, jobKey) = (PeerJob.TargetOf(job), PeerJob.KeyOf(job));
        if (written.IsStale(jobKey, job.Metadata.ResourceVersion))
        {
            // The cache has not caught up with this process's own last write: the watch event of that write brings
            // the job back, and the requeue covers a missed one.
            return new ReconcileResult.RequeueAfter(StaleCacheRecheck);
        }

        var (observation, slots) = await ObserveAsync(job, cancellationToken);
        var shell = new Shell(this, request.Key.ToString(), slots);
        try
        {
            var step = await ReindexRun.ReconcileAsync(job, observation, policy.Value, shell, cancellationToken);
            return step is ReindexStep.Wait wait ? new ReconcileResult.RequeueAfter(wait.Delay) : ReconcileResult.Done;
        }
        finally
        {
            // Whether the reconcile ended or failed: a job whose last written status holds its slot keeps the
            // reservation until the cache shows that status (ReleaseSeen); any other lets the slot go now.
            if (shell.Reserved && !PeerJob.From(shell.Job ?? job).HoldsSlot)
            {
                reservations.Release(target, jobKey);
            }
        }
    }

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    private async Task<ReindexJob?> CarryOutAsync(Shell shell, ReindexJob job, ReindexDecision decision, CancellationToken cancellationToken)
    {
        var jobKey = PeerJob.KeyOf(job);
        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case ReindexAction.WriteSubmissionMarker marker:
                    if (!reservations.TryReserve(shell.Slots, jobKey, job.Metadata.ResourceVersion))
                    {
                        logger.SlotTaken(shell.Key, shell.Slots.Target);
                        return null;
                    }

                    // A reservation from an earlier reconcile stays until the cache shows that reconcile's write.
                    shell.Reserved = !shell.Slots.Reserved.Contains(jobKey);
                    try
                    {
                        job = shell.Job = await WriteAsync(job, marker.Status, cancellationToken);
                    }
                    catch (StatusConflictException)
                    {
                        // The loop retries after the key's backoff: a stale cache never becomes a write loop.
                        logger.MarkerConflict(shell.Key);
                        throw;
                    }

                    break;
                case ReindexAction.RecordJobId record:
                    job = shell.Job = await WriteAsync(job, record.Status, cancellationToken);
                    break;
                case ReindexAction.PatchStatus patch:
                    job = shell.Job = await WriteAsync(job, patch.Status, cancellationToken);
                    break;
                case ReindexAction.EmitEvent emit:
                    events.Record(job, emit.Type, emit.Reason, emit.Action, emit.Note);
                    break;
                case ReindexAction.InvalidateToken invalidate:
                    credentials.Invalidate(job, invalidate.Auth);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown action {action.GetType().Name}.");
            }
        }

        return job;
    }

    private async Task<ReindexJob> WriteAsync(ReindexJob job, ReindexJobStatus status, CancellationToken cancellationToken)
    {
        var after = await statusWriter.PatchStatusAsync(job, StatusPatch.Between(job.Status, status), cancellationToken);
        written.Wrote(PeerJob.KeyOf(job), job.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Observed(job, after);
        return after;
    }

    private async Task<(ReindexObservation Observation, SlotSnapshot Slots)> ObserveAsync(ReindexJob job, CancellationToken cancellationToken)
    {
        var target = TargetResolver.Plan(job, targets.Value) switch
        {
            TargetPlan.Known known => known.Observation,
            TargetPlan.ReadService read => TargetResolver.FromService(job, await services.ReadAsync(read.Namespace, read.Name, cancellationToken), targets.Value),
            var plan => throw new InvalidOperationException($"Unknown target plan {plan.GetType().Name}."),
        };

        // The reservations before the cache: a reservation released in between was released because the cache showed
        // its job's write, so the listing below shows that job as it is.
        var targetKey = PeerJob.TargetOf(job);
        var slots = reservations.Snapshot(targetKey);
        var sameTarget = cache.ListIndexed(TargetIndex, targetKey);
        reservations.ReleaseSeen(targetKey, sameTarget.ToDictionary(PeerJob.KeyOf, string? (other) => other.Metadata.ResourceVersion, StringComparer.Ordinal));
        var observation = new ReindexObservation
        {
            Target = target,
            Peers = PeerJob.Of(job, sameTarget),
            ReservedSlots = slots.Reserved,
            JitterSample = Random.Shared.NextDouble(),
        };
        return (observation, slots);
    }

    private async Task<SubmitOutcome> SubmitAsync(ReindexJob job, ReindexStep.Submit submit, CancellationToken cancellationToken)
    {
        var target = metrics.TargetOf(job);
        SubmitOutcome outcome;
        using (FhirRequestMetrics.ForTarget(target))
        {
            outcome = await credentials.GetAsync(job, submit.Spec.Auth, cancellationToken) switch
            {
                CredentialResult.Token token => await fhir.SubmitAsync(submit.Target, submit.Spec, token.BearerToken, cancellationToken),
                CredentialResult.Failed failed => new SubmitOutcome.CredentialsUnavailable(failed.Failure),
                var result => throw new InvalidOperationException($"Unknown credential result {result.GetType().Name}."),
            };
        }

        metrics.Submitted(target, outcome);
        logger.Submitted(ObjectKey.Of(job).ToString(), submit.Target.ToString(), job.Status?.Submission?.Attempt ?? 0, outcome.GetType().Name);
        return outcome;
    }

    private async Task<PollOutcome> PollAsync(ReindexJob job, ReindexStep.Poll poll, CancellationToken cancellationToken)
    {
        var target = metrics.TargetOf(job);
        PollOutcome outcome;
        using (FhirRequestMetrics.ForTarget(target))
        {
            outcome = await credentials.GetAsync(job, poll.Auth, cancellationToken) switch
            {
                CredentialResult.Token token => await fhir.PollAsync(poll.Target, poll.PollPath, token.BearerToken, cancellationToken),
                CredentialResult.Failed failed => new PollOutcome.CredentialsUnavailable(failed.Failure),
                var result => throw new InvalidOperationException($"Unknown credential result {result.GetType().Name}."),
            };
        }

        metrics.Polled(target, outcome);
        logger.Polled(ObjectKey.Of(job).ToString(), poll.Target.ToString(), poll.PollPath, outcome.GetType().Name);
        return outcome;
    }

    /// <summary>Logs phase changes, counts ended runs and wakes the jobs waiting for this one's slot.</summary>
    private void Observed(ReindexJob before, ReindexJob after)
    {
        var status = after.Status;
        if (status?.Phase is not { } phase || (before.Status?.Phase == phase && before.Status?.Message == status.Message))
        {
            return;
        }

        logger.PhaseChanged(ObjectKey.Of(after).ToString(), phase.ToString(), status.Conditions.FirstOrDefault(condition => condition.Type == ReindexConditions.Ready)?.Reason ?? "", status.Message ?? "");
        if (before.Status?.Phase != phase && phase.IsTerminal())
        {
            if (status.StartTime is { } start)
            {
                metrics.JobEnded(metrics.TargetOf(after), phase, (status.CompletionTime ?? timeProvider.GetUtcNow()) - start);
            }

            WakeWaitingPeers(after);
        }
    }

    private void WakeWaitingPeers(ReindexJob job)
    {
        foreach (var peer in cache.ListIndexed(TargetIndex, PeerJob.TargetOf(job)).Where(other => other.Metadata.Uid != job.Metadata.Uid && PeerJob.From(other).IsWaiting))
        {
            queue.Enqueue(ObjectKey.Of(peer), PeerWakeDelay);
        }
    }

    /// <summary>The reconciler's I/O for one reconcile, with the slot it reserved.</summary>
    private sealed class Shell(ReindexReconciler reconciler, string key, SlotSnapshot slots) : IReindexRunShell
    {
        public string Key => key;

        public SlotSnapshot Slots => slots;

        /// <summary>True when this reconcile made the job's reservation (an earlier one's stays until the cache shows its write).</summary>
        public bool Reserved { get; set; }

        /// <summary>The job as the last status write returned it, or null before any.</summary>
        public ReindexJob? Job { get; set; }

        public DateTimeOffset Now => reconciler.Now;

        public Task<ReindexJob?> CarryOutAsync(ReindexJob job, ReindexDecision decision, CancellationToken cancellationToken)
            => reconciler.CarryOutAsync(this, job, decision, cancellationToken);

        public Task<SubmitOutcome> SubmitAsync(ReindexJob job, ReindexStep.Submit submit, CancellationToken cancellationToken)
            => reconciler.SubmitAsync(job, submit, cancellationToken);

        public Task<PollOutcome> PollAsync(ReindexJob job, ReindexStep.Poll poll, CancellationToken cancellationToken)
            => reconciler.PollAsync(job, poll, cancellationToken);
    }
}
