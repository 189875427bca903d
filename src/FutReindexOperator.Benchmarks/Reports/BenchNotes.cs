namespace FutReindexOperator.Benchmarks.Reports;

/// <summary>How the figures are taken; printed under every report so a reader need not look up the harness.</summary>
public static class BenchNotes
{
    public const string HowMeasured = """
        ## How the figures are taken

        - The operator runs as its own process (`dotnet FutReindexOperator.dll`, Release build) against the Kubernetes API
          test server and the HAPI simulator, both in the harness process on 127.0.0.1. Its RSS and CPU seconds come from
          `/proc/<pid>/status` (VmRSS, VmHWM) and `/proc/<pid>/stat` (utime + stime), sampled every 100 ms.
        - Idle RSS: after `Operator ready`, with the CRD watched and no jobs, after a settling pause.
        - Reconcile latency is taken from the operator's own histograms: `controller_runtime_reconcile_time_seconds`
          (reconcile start to return, which includes the status writes and the FHIR call) and
          `workqueue_queue_duration_seconds` (from the watch event queuing the key to a worker taking it). A watch event to its
          status write is their sum. Quantiles are interpolated in the buckets as Prometheus's `histogram_quantile` does, so
          they are bucket-accurate, not exact. Timing from managedFields was not used: the API server stamps seconds only.
        - Kubernetes API requests are the API server's request log counters (per verb and resource) over the run, minus the
          requests the harness made itself (creates and its polling lists). Lease traffic is per operator, not per job.
        - The minimum per job is derived by walking one job through the operator's own `ReindexDecider` on the happy path
          (`DecisionWalk`): the submission marker, the job id, one status write per poll (each poll records `polls` and
          `lastPollTime`, and phase changes ride on those writes), one event per reason it emits (Submitted, Running,
          Succeeded), one POST, and the polls the script needs (IN_PROGRESS answers, then COMPLETED).
        - Completion detection: from the simulator's end of the job (`EndedAt`) to the operator's `completionTime`; the
          poll policy's share is the wait from the poll after which the script ends the job to the next poll.
        - `workqueue_queue_duration_seconds` (from a key falling due to a worker taking it) has client-go's decade buckets
          (10 ns, 100 ns, ... 1 s, 10 s), so its quantiles are only accurate to the decade: a p99 shown as 9.6 s means
          "between 1 and 10 s".
        """;
}
