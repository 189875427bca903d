namespace FutReindexOperator.Benchmarks.Plans;

/// <summary>
/// The figures of one plan benchmark run: one ReindexPlan over <see cref="Services"/> Services next to one standalone
/// ReindexJob measured by the same harness and operator. Request counts are by API server counter name ("verb resource"),
/// the harness's own reads removed; a job's and a child's create are both counted (the user's create of the standalone
/// job, the operator's create of a child), so both figures bring one ReindexJob from nothing to terminal. Times in seconds.
/// </summary>
public sealed record PlanBenchResult
{
    public required int Services { get; init; }

    public required int MaxConcurrentTargets { get; init; }

    public required int ProgressPolls { get; init; }

    public required double StartupToReadySeconds { get; init; }

    public required double IdleRssMiB { get; init; }

    /// <summary>The highest RSS sampled (every 100 ms) from the plan's create to its Complete condition.</summary>
    public required double PeakRssMiB { get; init; }

    /// <summary>The kernel's high-water mark (VmHWM) at the end of the run (the standalone job included).</summary>
    public required double KernelPeakRssMiB { get; init; }

    /// <summary>CPU seconds the operator used from the plan's create to its Complete condition.</summary>
    public required double CpuSeconds { get; init; }

    /// <summary>Kubernetes API writes of the standalone job, by counter name (its create included).</summary>
    public required IReadOnlyDictionary<string, long> SingleJobWrites { get; init; }

    /// <summary>Kubernetes API writes of the whole plan run (children, plan status, events), by counter name.</summary>
    public required IReadOnlyDictionary<string, long> PlanRunWrites { get; init; }

    /// <summary>Writes of the plan run the API server refused (4xx/5xx), by "verb resource status" (they are among <see cref="PlanRunWrites"/>).</summary>
    public required IReadOnlyDictionary<string, long> PlanRunRefusedWrites { get; init; }

    /// <summary>Events recorded about the standalone job, by reason.</summary>
    public required IReadOnlyDictionary<string, int> SingleJobEvents { get; init; }

    /// <summary>Events recorded about the children and the plan, by "Kind reason".</summary>
    public required IReadOnlyDictionary<string, int> PlanRunEvents { get; init; }

    /// <summary>Writes to ReindexJobs (creates, status and other patches) per child.</summary>
    public required double ChildObjectWritesPerChild { get; init; }

    /// <summary>Writes to ReindexJobs of the standalone job (its create and status patches).</summary>
    public required double SingleJobObjectWrites { get; init; }

    /// <summary>Status patches of the standalone job.</summary>
    public required double SingleJobStatusPatches { get; init; }

    /// <summary>Events about children per child (objects created).</summary>
    public required double ChildEventsPerChild { get; init; }

    /// <summary>Events about the standalone job (objects created).</summary>
    public required double SingleJobEventCount { get; init; }

    /// <summary>Writes to the ReindexPlan (status patches and any other) per child.</summary>
    public required double PlanWritesPerChild { get; init; }

    /// <summary>Events about the plan per child.</summary>
    public required double PlanEventsPerChild { get; init; }

    /// <summary>Every write of the plan run (leases excluded) per child.</summary>
    public required double WritesPerChild { get; init; }

    /// <summary>Every write of the standalone job (leases excluded).</summary>
    public required double SingleJobWritesTotal { get; init; }

    public required int Children { get; init; }

    public required int DistinctServices { get; init; }

    public required int TerminalChildren { get; init; }

    public required int SucceededChildren { get; init; }

    /// <summary>Children that did not enter a terminal phase exactly once, or were recreated.</summary>
    public required IReadOnlyList<string> ChildrenNotTerminalExactlyOnce { get; init; }

    /// <summary>$reindex POSTs per plan Service: the fewest and the most any Service got (1 and 1 when every Service got one).</summary>
    public required int MinPostsPerService { get; init; }

    public required int MaxPostsPerService { get; init; }

    /// <summary>$reindex POSTs the standalone job's Service got.</summary>
    public required int SingleJobPosts { get; init; }

    /// <summary>The most children running (created, not terminal) at one sampled moment, and the samples taken.</summary>
    public required int MaxRunningChildrenSampled { get; init; }

    /// <summary>The most HAPI jobs of the plan's Services not yet ended at one sampled moment.</summary>
    public required int MaxRunningHapiJobsSampled { get; init; }

    public required int Samples { get; init; }

    /// <summary>Standalone job: from its create to its terminal status being seen.</summary>
    public required double SingleJobCreateToTerminalSeconds { get; init; }

    /// <summary>From the plan's create to every child terminal being seen (samples every 100 ms).</summary>
    public required double PlanCreateToAllChildrenTerminalSeconds { get; init; }

    /// <summary>From the plan's create to its Complete condition being seen.</summary>
    public required double PlanCreateToCompleteSeconds { get; init; }

    /// <summary>The plan's own status: completionTime − startTime.</summary>
    public required double PlanStatusRunSeconds { get; init; }

    public required string PlanPhase { get; init; }

    public required double Reconciles { get; init; }
}
