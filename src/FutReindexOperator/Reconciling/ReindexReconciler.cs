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
/// shared by every scope's reconciler, and so must <paramref name="written"/> and <paramref name="outcomes"/>.
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
    WrittenVersions written,
    SubmissionOutcomes outcomes) : IReconciler<ReindexJob>
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
            outcomes.Forget(PeerJob.KeyOf(request.Resource));
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

        var reserved = false;
        try
        {
            var (observation, slots) = await ObserveAsync(job, cancellationToken);
            observation = observation with { Submission = outcomes.Unwritten(jobKey, job.Status) };
            var decision = ReindexDecider.Decide(job, observation, timeProvider.GetUtcNow(), policy.Value);
            while (true)
            {
                var before = job;
                var remote = default(ReindexAction);
                foreach (var action in decision.Actions)
                {
                    switch (action)
                    {
                        case ReindexAction.WriteSubmissionMarker marker:
                            if (!reservations.TryReserve(slots, jobKey, job.Metadata.ResourceVersion))
                            {
                                logger.SlotTaken(request.Key.ToString(), target);
                                return new ReconcileResult.RequeueAfter(TimeSpan.Zero);
                            }

                            // A reservation from an earlier reconcile stays until the cache shows that reconcile's write.
                            reserved = !slots.Reserved.Contains(jobKey);
                            try
                            {
                                job = await WriteAsync(job, marker.Status, cancellationToken);
                            }
                            catch (StatusConflictException)
                            {
                                // The loop retries after the key's backoff: a stale cache never becomes a write loop.
                                logger.MarkerConflict(request.Key.ToString());
                                throw;
                            }

                            break;
                        case ReindexAction.RecordJobId record:
                            job = await WriteAsync(job, record.Status, cancellationToken);
                            break;
                        case ReindexAction.PatchStatus patch:
                            job = await WriteAsync(job, patch.Status, cancellationToken);
                            break;
                        case ReindexAction.EmitEvent emit:
                            events.Record(job, emit.Type == ReindexEventType.Warning ? EventSeverity.Warning : EventSeverity.Normal, emit.Reason, emit.Action, emit.Note);
                            break;
                        case ReindexAction.InvalidateToken invalidate:
                            credentials.Invalidate(job, invalidate.Auth);
                            break;
                        case ReindexAction.SubmitReindex or ReindexAction.PollStatus:
                            remote = action;
                            break;
                        default:
                            throw new InvalidOperationException($"Unknown action {action.GetType().Name}.");
                    }
                }

                Observed(before, job);
                if (decision.Requeue is not ReindexRequeue.DecideAgain)
                {
                    return decision.Requeue switch
                    {
                        ReindexRequeue.After after => new ReconcileResult.RequeueAfter(after.Delay),
                        _ => ReconcileResult.Done,
                    };
                }

                observation = remote switch
                {
                    ReindexAction.SubmitReindex submit => observation with { Submission = await SubmitAsync(job, submit, jobKey, cancellationToken) },
                    ReindexAction.PollStatus poll => observation with { Poll = await PollAsync(job, poll, cancellationToken) },
                    // A run ended with a rerun waiting: decide again on the written status, with no outcome.
                    _ => observation with { Submission = null, Poll = null },
                };
                decision = ReindexDecider.Decide(job, observation, timeProvider.GetUtcNow(), policy.Value);
            }
        }
        finally
        {
            // Whether the reconcile ended or failed: a job whose last written status holds its slot keeps the
            // reservation until the cache shows that status (ReleaseSeen); any other lets the slot go now.
            if (reserved && !PeerJob.From(job).HoldsSlot)
            {
                reservations.Release(target, jobKey);
            }
        }
    }

    private async Task<ReindexJob> WriteAsync(ReindexJob job, ReindexJobStatus status, CancellationToken cancellationToken)
    {
        var after = await statusWriter.PatchStatusAsync(job, StatusPatch.Between(job.Status, status), cancellationToken);
        written.Wrote(PeerJob.KeyOf(job), job.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        if (after.Status is not { JobId: null, Submission.State: SubmissionState.Sending })
        {
            outcomes.Forget(PeerJob.KeyOf(job));
        }

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

    private async Task<SubmitOutcome> SubmitAsync(ReindexJob job, ReindexAction.SubmitReindex submit, string jobKey, CancellationToken cancellationToken)
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

        // Kept until its status write succeeds: a failed write must not turn a known answer into an uncertain one.
        outcomes.Received(jobKey, job.Status!.Submission!, outcome);
        metrics.Submitted(target, outcome);
        logger.Submitted(ObjectKey.Of(job).ToString(), submit.Target.ToString(), job.Status?.Submission?.Attempt ?? 0, outcome.GetType().Name);
        return outcome;
    }

    private async Task<PollOutcome> PollAsync(ReindexJob job, ReindexAction.PollStatus poll, CancellationToken cancellationToken)
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
}
