using System.ComponentModel.DataAnnotations;

namespace FutReindexOperator.Testing.HapiSimulator.Jobs;

/// <summary>The script of jobs for which no other script was set: a successful run with these durations.</summary>
public sealed class JobTimelineOptions
{
    /// <summary>Time in QUEUED. <value>Default: 0 (leaves at the next maintenance pass).</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan QueuedFor { get; set; } = TimeSpan.Zero;

    /// <summary>Time in IN_PROGRESS. <value>Default: 2 minutes.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan InProgressFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time in FINALIZE. <value>Default: 0.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan FinalizeFor { get; set; } = TimeSpan.Zero;

    /// <summary>Resources changed per resource type in the report. <value>Default: 32.</value></summary>
    [Range(0, int.MaxValue)]
    public int ResourcesChangedPerType { get; set; } = 32;

    /// <summary>The script these options describe.</summary>
    public JobScript ToScript() => JobScript.Completes(ResourcesChangedPerType, QueuedFor, InProgressFor, FinalizeFor);
}
