using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

/// <summary>
/// The observed state of a ReindexJob, written only by the operator. Every member is serialized, null included; a status
/// write sends only what differs from the status read (<c>StatusPatch</c>), with an explicit null for each value a
/// decision cleared. The API server refuses a write that would forget the run's job id or marker, or take up an ended
/// run again (<see cref="RunRecordRules"/>).
/// </summary>
[Description("The observed state of the job, written by the operator.")]
[CelRule(RunRecordRules.JobIdKept, RunRecordRules.JobIdKeptMessage)]
[CelRule(RunRecordRules.MarkerKept, RunRecordRules.MarkerKeptMessage)]
[CelRule(RunRecordRules.RunKeptWhileUnderWay, RunRecordRules.RunKeptWhileUnderWayMessage)]
[CelRule(RunRecordRules.EndKept, RunRecordRules.EndKeptMessage)]
public sealed record ReindexJobStatus : ReindexResourceStatus
{
    [JsonPropertyName("phase")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ReindexPhase? Phase { get; init; }

    [JsonPropertyName("runGeneration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("The metadata.generation whose spec the current run submitted; later spec changes are refused until a rerun.")]
    public long? RunGeneration { get; init; }

    [JsonPropertyName("lastHandledRerun")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [MaxLength(RerunTokens.MaxRecordedLength)]
    [Description("The value of the fhir.fut.dk/rerun annotation that started the current run; a value longer than 256 characters is recorded as sha256:<hex of its UTF-8 bytes>.")]
    public string? LastHandledRerun { get; init; }

    [JsonPropertyName("targetBase")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [MaxLength(2048)]
    [Description("The FHIR base URL the operator resolved for the target. Pinned once a request may have reached the server: the run's polls go here, whatever the spec or Service say now.")]
    public string? TargetBase { get; init; }

    [JsonPropertyName("auth")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("The spec.auth the current run was submitted with (names of Secrets and keys, never their values): its polls use it, whatever the spec says now.")]
    public AuthSpec? Auth { get; init; }

    [JsonPropertyName("submission")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("The marker of the latest submission attempt; present from just before the $reindex request until the run ends.")]
    public SubmissionMarker? Submission { get; init; }

    [JsonPropertyName("jobId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [MaxLength(Fhir.PollPaths.MaxJobIdLength)]
    [Description("The job id the server gave the $reindex job.")]
    public string? JobId { get; init; }

    [JsonPropertyName("pollPath")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [MaxLength(Fhir.PollPaths.MaxLength)]
    [Description("The status operation and job id, relative to the target's FHIR base; never a host the server named.")]
    public string? PollPath { get; init; }

    [JsonPropertyName("submittedAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("When the server accepted the job.")]
    public DateTimeOffset? SubmittedAt { get; init; }

    [JsonPropertyName("startTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("When the operator began the current run (its first submission attempt); the deadline counts from here.")]
    public DateTimeOffset? StartTime { get; init; }

    [JsonPropertyName("lastPollTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("When the operator last asked the server for the job's state.")]
    public DateTimeOffset? LastPollTime { get; init; }

    [JsonPropertyName("nextAttemptTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("The operator calls the server for this job no earlier than this (the next poll, or the next try after a failure).")]
    public DateTimeOffset? NextAttemptTime { get; init; }

    [JsonPropertyName("polls")]
    [Range(0, int.MaxValue)]
    [Description("How many times the operator asked the server for the job's state in the current run.")]
    public int Polls { get; init; }

    [JsonPropertyName("serverProgress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [MaxLength(MaxMessageLength)]
    [Description("The server's own words for the state of the running job, for example '$reindex job has started and is in progress'; cleared when the job ends (the message says how).")]
    public string? ServerProgress { get; init; }

    [JsonPropertyName("serverProgressSince")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("When the server's answer last changed; the stall timeout counts from here.")]
    public DateTimeOffset? ServerProgressSince { get; init; }

    [JsonPropertyName("serverError")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("A failure the server reports but that may still be retried by the server (HAPI's ERRORED looks like FAILED), until the error grace period has passed.")]
    public ServerErrorObservation? ServerError { get; init; }

    [JsonPropertyName("retry")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("The problem the operator is currently retrying, if any.")]
    public RetryState? Retry { get; init; }

    [JsonPropertyName("report")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ReindexReport? Report { get; init; }
}
