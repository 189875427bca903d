namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>
/// Whether one controller's reconcile workers are alive. A worker ends normally when the queue shuts down or its term
/// of leadership ends; any other end (repeated faults it cannot get past) marks the controller's workers dead for the
/// rest of the process, which fails <c>/healthz</c>: the pod restarts and a standby takes the lease, instead of a
/// leader that holds the lease with nobody working.
/// </summary>
internal sealed class WorkerHealth(string controller)
{
    private int _stoppedUnexpectedly;

    public string Controller { get; } = controller;

    /// <summary>Workers of this controller that ended other than by shutdown or loss of leadership.</summary>
    public int StoppedUnexpectedly => Volatile.Read(ref _stoppedUnexpectedly);

    public bool IsAlive => StoppedUnexpectedly == 0;

    internal void RecordUnexpectedStop() => Interlocked.Increment(ref _stoppedUnexpectedly);
}
