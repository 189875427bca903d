using FutReindexOperator.Admission;
using FutReindexOperator.Decisions;
using FutReindexOperator.Diagnostics;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime;
using FutReindexOperator.Runtime.Kubernetes;

namespace FutReindexOperator.Reconciling;

/// <summary>
/// Writes the statuses decisions build, and knows which versions of a job this process wrote over. A write sends the
/// merge patch from the status as the job was read to the one built (<see cref="StatusPatch"/>, the one answer to "did
/// it change?"; nothing is sent when it is empty), while this replica leads (<see cref="IStatusWriter"/>): with the
/// optimistic lock on the resourceVersion read when it changes the run's state (<see cref="StatusPatch.NeedsLock"/>:
/// the submission marker, the job id, a rerun's reset, a phase), as a plain merge patch otherwise. The new version is
/// remembered (<see cref="WrittenVersions"/>), so that a reconcile does not decide on a cached copy older than its own
/// last write; a POST's answer is kept until a write records it (<see cref="SubmissionOutcomes"/>). Each write that
/// changes the phase or message is logged, and a run's end is counted in the metrics. One instance per process (a singleton).
/// </summary>
public sealed class JobStatusWrites(IStatusWriter writer, ReindexMetrics metrics, TimeProvider time, ILogger<JobStatusWrites> logger)
{
    private readonly WrittenVersions _written = new(time);

    /// <summary>
    /// How long after this process's last write of a job a cached copy showing a status it wrote over, at another
    /// version, counts as older than that write (<see cref="WrittenVersions"/>).
    /// </summary>
    public static TimeSpan StaleStatusExpiry => WrittenVersions.StatusExpiry;
    private readonly SubmissionOutcomes _outcomes = new();

    /// <summary>True when the cache shows <paramref name="job"/> older than this process's last write of it (<see cref="WrittenVersions"/>).</summary>
    public bool IsStale(ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _written.IsStale(PeerJob.KeyOf(job), job.Metadata.ResourceVersion, job.Status);
    }

    /// <summary>Forgets <paramref name="job"/>'s written versions (it was deleted).</summary>
    public void Forget(ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        logger.JobDeleted(ObjectKey.Of(job).ToString());
        _written.Forget(PeerJob.KeyOf(job));
        _outcomes.Forget(PeerJob.KeyOf(job));
    }

    /// <summary>
    /// Keeps the answer to the POST sent under <paramref name="job"/>'s marker until the decision on it is written: a failed
    /// write must not turn a known answer into an uncertain one (see <see cref="SubmissionOutcomes"/>).
    /// </summary>
    public void Received(ReindexJob job, SubmitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Status is { Submission: not null } sentUnder)
        {
            _outcomes.Received(PeerJob.KeyOf(job), sentUnder, outcome);
        }
    }

    /// <summary>
    /// The decision on <paramref name="job"/>'s answer is written: the answer is spent, whatever the status now shows (an
    /// answer that leaves the outcome unknown keeps the marker, and recalling it again would never send again).
    /// </summary>
    public void Spent(ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _outcomes.Forget(PeerJob.KeyOf(job));
    }

    /// <summary>The answer received under the marker <paramref name="job"/>'s status shows and not written yet, if any.</summary>
    public SubmitOutcome? Unwritten(ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _outcomes.Unwritten(PeerJob.KeyOf(job), job.Status);
    }

    /// <summary>
    /// Writes back the status a POST was sent under when the answer is not written yet and <paramref name="job"/>'s status
    /// shows that run with its marker removed by hand (<see cref="SubmissionOutcomes.Overwritten"/>), so that the answer
    /// is decided on and its job id recorded rather than the job sent again; returns the job as written, or null when
    /// there is nothing to restore.
    /// </summary>
    /// <exception cref="StatusConflictException">The status changed again since <paramref name="job"/> was read.</exception>
    public async Task<ReindexJob?> RestoreSentUnderAsync(ReindexJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _outcomes.Overwritten(PeerJob.KeyOf(job), job.Status) is { } sentUnder
            ? await WriteAsync(job, sentUnder, cancellationToken)
            : null;
    }

    /// <summary>
    /// Writes <paramref name="status"/> over <paramref name="job"/>'s and returns the job as the API server returned it;
    /// locked or plain as <see cref="StatusPatch.NeedsLock"/> says.
    /// </summary>
    /// <exception cref="StatusConflictException">A locked write's status changed since <paramref name="job"/> was read.</exception>
    public async Task<ReindexJob> WriteAsync(ReindexJob job, ReindexJobStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var patch = StatusPatch.Between(job.Status, status);
        if (patch.Count == 0)
        {
            return job;
        }

        var after = StatusPatch.NeedsLock(patch)
            ? await writer.PatchStatusAsync(job, patch, cancellationToken)
            : await writer.MergeStatusAsync(job, patch, cancellationToken);
        _written.Wrote(PeerJob.KeyOf(job), job.Metadata.ResourceVersion, job.Status, after.Metadata.ResourceVersion, after.Status);

        Report(job, after);
        return after;
    }

    /// <summary>Writes a submission marker (always locked: it names the submission); a conflict (nothing is sent then) is logged before it is rethrown.</summary>
    /// <exception cref="StatusConflictException">The status changed since <paramref name="job"/> was read.</exception>
    public async Task<ReindexJob> WriteMarkerAsync(ReindexJob job, ReindexJobStatus status, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteAsync(job, status, cancellationToken);
        }
        catch (StatusConflictException)
        {
            // The loop retries after the key's backoff: a stale cache never becomes a write loop.
            logger.MarkerConflict(ObjectKey.Of(job).ToString());
            throw;
        }
    }

    /// <summary>Logs a change of phase or message and counts a run that ended.</summary>
    private void Report(ReindexJob before, ReindexJob after)
    {
        var status = after.Status;
        if (status?.Phase is not { } phase || (before.Status?.Phase == phase && before.Status?.Message == status.Message))
        {
            return;
        }

        logger.PhaseChanged(ObjectKey.Of(after).ToString(), phase.ToString(), status.Conditions.FirstOrDefault(condition => condition.Type == ReindexConditions.Ready)?.Reason ?? "", status.Message ?? "");
        if (before.Status?.Phase != phase && phase.IsTerminal() && status.StartTime is { } start)
        {
            metrics.JobEnded(metrics.TargetOf(after), phase, (status.CompletionTime ?? time.GetUtcNow()) - start);
        }
    }
}
