namespace FutReindexOperator.Plans;

/// <summary>The plan controller's log messages (event ids 1201 and up).</summary>
internal static partial class PlanLog
{
    [LoggerMessage(1201, LogLevel.Information, "ReindexPlan {Plan}: created child ReindexJob {Child}")]
    public static partial void ChildCreated(this ILogger logger, string plan, string child);

    [LoggerMessage(1202, LogLevel.Information, "ReindexPlan {Plan}: asked child ReindexJob {Child} to run again")]
    public static partial void ChildRerun(this ILogger logger, string plan, string child);
}
