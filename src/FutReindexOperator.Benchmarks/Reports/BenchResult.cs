namespace FutReindexOperator.Benchmarks.Reports;

/// <summary>The figures of one benchmark run with <see cref="Jobs"/> ReindexJobs. Times in seconds unless named otherwise.</summary>
public sealed record BenchResult
{
    public required int Jobs { get; init; }

    public required int Targets { get; init; }

    public required int Namespaces { get; init; }

    /// <summary>IN_PROGRESS answers each job gets before COMPLETED (the simulator's script).</summary>
    public required int ProgressPolls { get; init; }

    public required double StartupToReadySeconds { get; init; }

    public required double IdleRssMiB { get; init; }

    public required double PeakRssMiB { get; init; }

    /// <summary>The kernel's high-water mark (VmHWM) at the end of the run.</summary>
    public required double KernelPeakRssMiB { get; init; }

    /// <summary>CPU seconds (user + system) the operator used from the first create to the last terminal status.</summary>
    public required double CpuSeconds { get; init; }

    public required double CreateSeconds { get; init; }

    public required double CreatedToAllSubmittedSeconds { get; init; }

    public required double CreatedToAllTerminalSeconds { get; init; }

    public required int TerminalJobs { get; init; }

    public required int SucceededJobs { get; init; }

    public required double Reconciles { get; init; }

    public required double ReconcilesPerSecond { get; init; }

    public required double ReconcileP50Milliseconds { get; init; }

    public required double ReconcileP99Milliseconds { get; init; }

    public required double QueueWaitP50Milliseconds { get; init; }

    public required double QueueWaitP99Milliseconds { get; init; }

    /// <summary>Operator requests per job by "verb resource" (the harness's own requests removed).</summary>
    public required IReadOnlyDictionary<string, double> ApiRequestsPerJob { get; init; }

    /// <summary>The decider's minimum per "verb resource" (requests absent here have no per-job minimum).</summary>
    public required IReadOnlyDictionary<string, double> MinimumApiRequestsPerJob { get; init; }

    public required double ApiWritesPerJob { get; init; }

    public required double MinimumApiWritesPerJob { get; init; }

    public required double PostsPerJob { get; init; }

    public required double PollsPerJob { get; init; }

    public required double MinimumPollsPerJob { get; init; }

    public required double CompletionDetectionP50Milliseconds { get; init; }

    public required double CompletionDetectionMaxMilliseconds { get; init; }

    /// <summary>The share of completion detection the poll policy causes by itself (the wait for the next poll).</summary>
    public required double PollPolicyDetectionMilliseconds { get; init; }

    public double ApiWritesRatio => MinimumApiWritesPerJob > 0 ? ApiWritesPerJob / MinimumApiWritesPerJob : double.NaN;

    public double PollsRatio => MinimumPollsPerJob > 0 ? PollsPerJob / MinimumPollsPerJob : double.NaN;
}
