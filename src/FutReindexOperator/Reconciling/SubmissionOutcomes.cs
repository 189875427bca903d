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
/// answer never reaches another run or attempt. In memory only: after a restart the status's marker is all there is.
/// Thread-safe; one instance per process, shared by every reconcile worker.
/// </summary>
public sealed class SubmissionOutcomes
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (SubmissionMarker Marker, SubmitOutcome Outcome)> _pending = new(StringComparer.Ordinal);

    /// <summary>Keeps the answer to the POST sent under <paramref name="marker"/> until its status write succeeds.</summary>
    public void Received(string jobKey, SubmissionMarker marker, SubmitOutcome outcome)
    {
        lock (_gate)
        {
            _pending[jobKey] = (marker, outcome);
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
                && marker.Attempt == entry.Marker.Attempt && marker.StartedAt == entry.Marker.StartedAt)
            {
                return entry.Outcome;
            }

            _pending.Remove(jobKey);
            return null;
        }
    }

    /// <summary>Forgets <paramref name="jobKey"/>'s answer (it was written, or the job was deleted).</summary>
    public void Forget(string jobKey)
    {
        lock (_gate)
        {
            _pending.Remove(jobKey);
        }
    }
}
