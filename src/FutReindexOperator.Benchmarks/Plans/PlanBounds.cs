namespace FutReindexOperator.Benchmarks.Plans;

/// <summary>What a plan may cost on top of its children, as the short run in CI asserts and the report states.</summary>
public static class PlanBounds
{
    /// <summary>A child's own writes (its create, status patches, events about it) at most this times a standalone job's.</summary>
    public const double ChildWritesRatio = 1.25;

    /// <summary>
    /// The plan's own writes per child (its status patches, refused ones included, and events about the plan) at most the
    /// standalone job's status patches plus <see cref="PlanWritesSlack"/>: the plan's table mirrors each child's phase, job
    /// id and message, so each status change of a child is at most one plan status patch; one ChildSucceeded event per
    /// child; the rest is slack for the run's start and end and for patches refused on a stale cache (see plan.md).
    /// </summary>
    public const double PlanWritesSlack = 3;

    /// <summary>The bound on the plan's own writes per child when a standalone job made <paramref name="jobStatusPatches"/> status patches.</summary>
    public static double PlanWritesPerChild(double jobStatusPatches) => jobStatusPatches + PlanWritesSlack;
}
