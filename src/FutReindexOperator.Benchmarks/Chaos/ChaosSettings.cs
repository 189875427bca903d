using FutReindexOperator.Benchmarks.Harness;

namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>The settings of a chaos run.</summary>
/// <param name="Jobs">ReindexJobs to create (M).</param>
/// <param name="Kills">Operator SIGKILLs (K), each followed by a restart.</param>
/// <param name="Replicas">1, or 2 for leader election with a leader kill.</param>
/// <param name="Seed">Seed of the fault schedule and of which replica is killed.</param>
/// <param name="Window">The time after the creates over which faults are spread.</param>
/// <param name="Rounds">How often each non-kill fault kind is injected.</param>
/// <param name="Timeout">The longest the jobs may take to end after the last fault.</param>
/// <param name="MemoryLimitMiB">The bound on every operator process's RSS.</param>
/// <param name="MaxRunningPerTarget">The operator's per-target limit: a low one spreads the submissions over the fault
/// window, so that kills and faults also fall between a submission marker and its job id.</param>
/// <param name="World">The targets, scripts and authentication of the jobs.</param>
public sealed record ChaosSettings(
    int Jobs,
    int Kills,
    int Replicas,
    int Seed,
    TimeSpan Window,
    int Rounds,
    TimeSpan Timeout,
    double MemoryLimitMiB,
    int MaxRunningPerTarget,
    WorldOptions World);
