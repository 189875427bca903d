using FutReindexOperator.Admission;
using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;
using Microsoft.Extensions.Options;

namespace FutReindexOperator.Reconciling;

/// <summary>
/// The I/O shell around <see cref="ReindexDecider"/>, in the anchor's steps: read the job (the cache), observe
/// (<see cref="ReindexObserver"/>), decide and act (<see cref="ReindexRun"/>, with this class carrying out the actions:
/// status writes through <see cref="JobStatusWrites"/>, events, calls through <see cref="ReindexServerCalls"/>), return
/// the next step. Every choice is the decider's. Before a submission marker is written, the job is admitted to its
/// target's slot (<see cref="SlotAdmission"/>); a job that leaves with no slot held lets its reservation go.
/// </summary>
public sealed class ReindexReconciler(
    IResourceCache<ReindexJob> cache,
    ReindexObserver observer,
    SlotAdmission admission,
    JobStatusWrites statuses,
    IEventRecorder events,
    ReindexServerCalls server,
    IOptions<ReindexOperatorPolicy> policy,
    TimeProvider timeProvider) : IReconciler<ReindexJob>
{
    /// <summary>How soon a job the cache shows older than this process's own last write is looked at again.</summary>
    public static readonly TimeSpan StaleCacheRecheck = TimeSpan.FromSeconds(1);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<ReindexJob> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsDeleted)
        {
            admission.Release(request.Resource);
            statuses.Forget(request.Resource);
            return ReconcileResult.Done;
        }

        var job = cache.TryGet(request.Key, out var cached) ? cached : request.Resource;
        if (statuses.IsStale(job))
        {
            // The cache has not caught up with this process's own last write: the requeue looks again once it has
            // (the watch event of an own write queues nothing, see OwnStatusWrites).
            return new ReconcileResult.RequeueAfter(StaleCacheRecheck);
        }

        if (await statuses.RestoreSentUnderAsync(job, cancellationToken) is { } restored)
        {
            job = restored;
            events.Record(
                job,
                EventSeverity.Warning,
                EventReasons.InvalidStatus,
                "Reconcile",
                $"status.submission was removed (the status was changed by hand) while $reindex attempt {job.Status!.Submission!.Attempt} was under way; the status it was sent under is written back, so that the server's answer is recorded and nothing is sent twice.");
        }

        var (observation, slots) = await observer.ObserveAsync(job, cancellationToken);
        observation = observation with { Submission = statuses.Unwritten(job) };
        var shell = new Shell(this, slots, server, statuses, timeProvider) { AnswerPending = observation.Submission is not null };
        try
        {
            var step = await ReindexRun.ReconcileAsync(job, observation, policy.Value, shell, cancellationToken);
            return step is ReindexStep.Wait wait ? new ReconcileResult.RequeueAfter(wait.Delay) : ReconcileResult.Done;
        }
        finally
        {
            // Whether the reconcile ended or failed: a job whose last written status holds its slot keeps the
            // reservation until the cache shows that status; any other lets the slot go now.
            if (shell.Admitted && !PeerJob.From(shell.Written ?? job).HoldsSlot)
            {
                admission.Release(job);
            }
        }
    }

    private async Task<ReindexJob?> CarryOutAsync(Shell shell, ReindexJob job, ReindexDecision decision, CancellationToken cancellationToken)
    {
        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case ReindexAction.WriteSubmissionMarker marker:
                    if (!admission.TryAdmit(shell.Slots, job))
                    {
                        return null;
                    }

                    // A reservation from an earlier reconcile stays until the cache shows that reconcile's write.
                    shell.Admitted = !shell.Slots.Reserved.Contains(PeerJob.KeyOf(job));
                    job = shell.Written = await statuses.WriteMarkerAsync(job, marker.Status, cancellationToken);
                    break;
                case ReindexAction.RecordJobId record:
                    job = shell.Written = await statuses.WriteAsync(job, record.Status, cancellationToken);
                    break;
                case ReindexAction.PatchStatus patch:
                    job = shell.Written = await statuses.WriteAsync(job, patch.Status, cancellationToken);
                    break;
                case ReindexAction.EmitEvent emit:
                    events.Record(job, emit.Type, emit.Reason, emit.Action, emit.Note);
                    break;
                case ReindexAction.InvalidateToken invalidate:
                    server.InvalidateToken(job, invalidate.Auth);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown action {action.GetType().Name}.");
            }
        }

        if (shell.AnswerPending)
        {
            // This decision was the one on the answer, and its writes went through.
            statuses.Spent(job);
            shell.AnswerPending = false;
        }

        return job;
    }

    /// <summary>The reconciler's I/O for one reconcile, with the slot it admitted the job to.</summary>
    private sealed class Shell(ReindexReconciler reconciler, SlotSnapshot slots, ReindexServerCalls server, JobStatusWrites statuses, TimeProvider time) : IReindexRunShell
    {
        public SlotSnapshot Slots => slots;

        /// <summary>True when this reconcile made the job's reservation (an earlier one's stays until the cache shows its write).</summary>
        public bool Admitted { get; set; }

        /// <summary>True from the receipt of a POST's answer (or its recall from an earlier reconcile) until the decision on it is written.</summary>
        public bool AnswerPending { get; set; }

        /// <summary>The job as the last status write returned it, or null before any.</summary>
        public ReindexJob? Written { get; set; }

        public DateTimeOffset Now => time.GetUtcNow();

        public Task<ReindexJob?> CarryOutAsync(ReindexJob job, ReindexDecision decision, CancellationToken cancellationToken)
            => reconciler.CarryOutAsync(this, job, decision, cancellationToken);

        public async Task<SubmitOutcome> SubmitAsync(ReindexJob job, ReindexStep.Submit submit, CancellationToken cancellationToken)
        {
            var outcome = await server.SubmitAsync(job, submit, cancellationToken);
            statuses.Received(job, outcome);
            AnswerPending = true;
            return outcome;
        }

        public Task<PollOutcome> PollAsync(ReindexJob job, ReindexStep.Poll poll, CancellationToken cancellationToken)
            => server.PollAsync(job, poll, cancellationToken);
    }
}
