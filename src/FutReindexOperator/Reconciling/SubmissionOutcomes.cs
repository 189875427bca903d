using FutReindexOperator.Fhir;
using FutReindexOperator.Model;

namespace FutReindexOperator.Reconciling;

/// <summary>
/// The answers to <c>$reindex</c> POSTs this process received but may not have written yet, per job and submission
/// marker. When the status write after a POST fails (a conflict with an annotation edit, an API server error), the
/// next reconcile finds the job still <see cref="SubmissionState.Sending"/>; without this it could only treat the
/// request as uncertain and submit again, flagged as a possible duplicate, although the job id was known. With it,
/// that reconcile decides on the answer received, so a job id once obtained is recorded (I2).
/// An answer applies only while the status shows the very marker it was sent under (same attempt and start), so an
/// answer never reaches another run or attempt. One exception: a status of the same run with no marker at all had it
/// removed by hand (the operator keeps a run's marker until the run ends or a rerun starts another), and then the status
/// the POST was sent under is written back (<see cref="Overwritten"/>), so the answer is still recorded.
/// In memory only: after a restart the status's marker is all there is.
/// Thread-safe; <see cref="JobStatusWrites"/> holds the one instance of the process.
/// </summary>
internal sealed class SubmissionOutcomes
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (ReindexJobStatus SentUnder, SubmitOutcome Outcome)> _pending = new(StringComparer.Ordinal);

    /// <summary>Keeps the answer to the POST sent under <paramref name="sentUnder"/> (a status with its marker) until the decision on it is written.</summary>
    public void Received(string jobKey, ReindexJobStatus sentUnder, SubmitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(sentUnder);
        lock (_gate)
        {
            _pending[jobKey] = (sentUnder, outcome);
        }
    }

    /// <summary>
    /// The status an unwritten answer was received under, when <paramref name="status"/> is that run with its marker
    /// and job id removed (by hand: no write of the operator does that within a run); null otherwise.
    /// </summary>
    public ReindexJobStatus? Overwritten(string jobKey, ReindexJobStatus? status)
    {
        lock (_gate)
        {
            return _pending.TryGetValue(jobKey, out var entry)
                && status is { Submission: null, JobId: null } && status.LastHandledRerun == entry.SentUnder.LastHandledRerun
                ? entry.SentUnder
                : null;
        }
    }

    /// <summary>
    /// The answer received under the marker <paramref name="status"/> shows, if it is still <see cref="SubmissionState.Sending"/>
    /// without a job id; any other status means the answer was written or superseded, and it is dropped.
    /// </summary>
    public SubmitOutcome? Unwritten(string jobKey, ReindexJobStatus? status)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(jobKey, out var entry))
            {
                return null;
            }

            if (status is { JobId: null, Submission: { State: SubmissionState.Sending } marker }
                && marker.Attempt == entry.SentUnder.Submission?.Attempt && marker.StartedAt == entry.SentUnder.Submission.StartedAt)
            {
                return entry.Outcome;
            }

            _pending.Remove(jobKey);
            return null;
        }
    }

    /// <summary>Forgets <paramref name="jobKey"/>'s answer: the decision on it was written (whether or not the status still shows the marker, as after an answer that leaves the outcome unknown), or the job was deleted.</summary>
    public void Forget(string jobKey)
    {
        lock (_gate)
        {
            _pending.Remove(jobKey);
        }
    }
}
