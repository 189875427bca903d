namespace FutReindexOperator.Benchmarks.Plans;

/// <summary>The settings of one plan benchmark run.</summary>
/// <param name="Services">Services the plan covers (selected by label); one more, unlabelled, carries the standalone job.</param>
/// <param name="MaxConcurrentTargets">The plan's <c>spec.maxConcurrentTargets</c>.</param>
/// <param name="ProgressPolls">IN_PROGRESS answers each HAPI job gives before COMPLETED.</param>
/// <param name="IdleSettle">How long the ready operator idles before idle RSS is read.</param>
/// <param name="Timeout">The longest the standalone job, and then the plan, may take.</param>
public sealed record PlanSettings(int Services, int MaxConcurrentTargets, int ProgressPolls, TimeSpan IdleSettle, TimeSpan Timeout);
