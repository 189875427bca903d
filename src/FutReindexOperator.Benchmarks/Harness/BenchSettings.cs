namespace FutReindexOperator.Benchmarks.Harness;

/// <summary>The settings of one benchmark run (one job count).</summary>
/// <param name="Jobs">ReindexJobs to create.</param>
/// <param name="World">The layout of targets and the job script.</param>
/// <param name="IdleSettle">How long the ready operator idles before idle RSS is read.</param>
/// <param name="Timeout">The longest the jobs may take to end.</param>
/// <param name="OperatorSettings">Extra operator configuration (environment variable names, <c>__</c> for sections).</param>
public sealed record BenchSettings(
    int Jobs,
    WorldOptions World,
    TimeSpan IdleSettle,
    TimeSpan Timeout,
    IReadOnlyDictionary<string, string> OperatorSettings);
