using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

/// <summary>The observed state of a ReindexPlan, written only by the operator; absent values are written as explicit nulls.</summary>
[Description("The observed state of the plan, written by the operator.")]
public sealed record ReindexPlanStatus : ReindexResourceStatus
{
    [JsonPropertyName("phase")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public PlanPhase? Phase { get; init; }

    [JsonPropertyName("lastHandledRerun")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [MaxLength(RerunTokens.MaxRecordedLength)]
    [Description("The value of the fhir.fut.dk/rerun annotation that started the current run (sha256:<hex> when longer than 256 characters); children of the run carry it as their own rerun annotation.")]
    public string? LastHandledRerun { get; init; }

    [JsonPropertyName("targets")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [MaxLength(ReindexPlanSpec.MaxTargets)]
    [Description("The Services the current run covers, resolved once when it started, in the order children start.")]
    public IReadOnlyList<string>? Targets { get; init; }

    [JsonPropertyName("counts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public PlanCounts? Counts { get; init; }

    [JsonPropertyName("children")]
    [MaxLength(ReindexPlanSpec.MaxTargets)]
    [Description("One row per target of the current run: its child ReindexJob and where it is.")]
    public IReadOnlyList<PlanChild> Children { get; init; } = [];

    [JsonPropertyName("startTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("When the current run started.")]
    public DateTimeOffset? StartTime { get; init; }
}

/// <summary>Where a ReindexPlan is in its run.</summary>
[Description("Pending: no run has started yet. Running: children are running or waiting for capacity. Succeeded: every child succeeded (terminal). Failed: at least one child did not succeed (terminal). Stalled: the run cannot start (bad targets, an invalid template, a child name taken) or a child needs attention.")]
public enum PlanPhase
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Stalled,
}

[Description("How many targets of the current run are in each state.")]
public sealed record PlanCounts
{
    [JsonPropertyName("targets")]
    [Range(0, int.MaxValue)]
    [Description("Every target of the run.")]
    public int Targets { get; init; }

    [JsonPropertyName("waiting")]
    [Range(0, int.MaxValue)]
    [Description("Targets whose child has not started yet (waiting for capacity).")]
    public int Waiting { get; init; }

    [JsonPropertyName("running")]
    [Range(0, int.MaxValue)]
    [Description("Children that have started and not ended (Stalled ones included).")]
    public int Running { get; init; }

    [JsonPropertyName("succeeded")]
    [Range(0, int.MaxValue)]
    [Description("Children that succeeded.")]
    public int Succeeded { get; init; }

    [JsonPropertyName("failed")]
    [Range(0, int.MaxValue)]
    [Description("Children that failed, were cancelled, lost, untrackable or deleted, or whose name another object holds.")]
    public int Failed { get; init; }

    [JsonPropertyName("skipped")]
    [Range(0, int.MaxValue)]
    [Description("Targets never started because a child failed under StopOnFirstFailure.")]
    public int Skipped { get; init; }
}

[Description("One target of the current run and its child ReindexJob.")]
public sealed record PlanChild
{
    [JsonPropertyName("service")]
    [MaxLength(63)]
    [Description("The target Service.")]
    public string Service { get; init; } = "";

    [JsonPropertyName("name")]
    [MaxLength(63)]
    [Description("The child ReindexJob's name.")]
    public string Name { get; init; } = "";

    [JsonPropertyName("phase")]
    public PlanChildPhase Phase { get; init; }

    [JsonPropertyName("uid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [MaxLength(128)]
    [Description("The child's metadata.uid, once the operator has seen it.")]
    public string? Uid { get; init; }

    [JsonPropertyName("jobId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [MaxLength(Fhir.PollPaths.MaxJobIdLength)]
    [Description("The job id HAPI gave the child's $reindex job.")]
    public string? JobId { get; init; }

    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [MaxLength(256)]
    [Description("The child's latest message, cut to 256 characters.")]
    public string? Message { get; init; }
}

/// <summary>Where one target of a plan's run is.</summary>
[Description("Waiting: not started (no capacity yet). Starting: the child was created or asked to rerun and has not begun this run. Pending to Stalled: the child's own phase in this run. Deleted: the child was deleted before it ended. NameTaken: another object holds the child's name. Skipped: never started because a child failed under StopOnFirstFailure.")]
public enum PlanChildPhase
{
    Waiting,
    Starting,
    Pending,
    Submitting,
    Queued,
    Running,
    Finalizing,
    Stalled,
    Succeeded,
    Failed,
    Cancelled,
    Lost,
    Untrackable,
    Deleted,
    NameTaken,
    Skipped,
}
