using FutReindexOperator.Admission;
using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Tests.Decisions;

/// <summary>Builders for decision tables: a job in a given state, an observation, and the time.</summary>
internal static class DecisionCases
{
    public const string JobId = "c27486a1-3449-4671-ad8a-282c2d44c598";

    public static readonly DateTimeOffset T0 = new(2026, 4, 16, 11, 27, 0, TimeSpan.Zero);

    public static readonly FhirBase Target = new(new Uri("http://organization.fut.svc.cluster.local:8080/fhir/"));

    public static readonly ReindexOperatorPolicy Policy = new();

    public static ReindexJob Job(ReindexJobStatus? status = null, long generation = 1, string? rerun = null, Action<ReindexJobSpec>? spec = null, DateTimeOffset? createdAt = null)
    {
        var job = new ReindexJob
        {
            Metadata = new V1ObjectMeta
            {
                Name = "organizations",
                NamespaceProperty = "fut",
                Uid = "uid-organizations",
                Generation = generation,
                ResourceVersion = "7",
                CreationTimestamp = (createdAt ?? T0.AddMinutes(-1)).UtcDateTime,
                Annotations = rerun is null ? null : new Dictionary<string, string> { [ReindexJob.RerunAnnotation] = rerun },
            },
            Spec = new ReindexJobSpec
            {
                Target = new TargetSpec { Service = "organization" },
                Urls = ["Organization?"],
                Auth = new AuthSpec { None = new NoAuth() },
            },
            Status = status,
        };
        spec?.Invoke(job.Spec);
        return job;
    }

    /// <summary>A status as written by the marker of attempt <paramref name="attempt"/>, with nothing learnt yet.</summary>
    public static ReindexJobStatus Sending(int attempt = 1, bool duplicatePossible = false) => new()
    {
        Phase = ReindexPhase.Submitting,
        ObservedGeneration = 1,
        RunGeneration = 1,
        StartTime = T0.AddSeconds(-1),
        TargetBase = Target.ToString(),
        Submission = new SubmissionMarker { Attempt = attempt, StartedAt = T0.AddSeconds(-1), State = SubmissionState.Sending, DuplicatePossible = duplicatePossible },
        Conditions = ReindexConditionSet.For(ReindexPhase.Submitting, ConditionReasons.Submitting, "", 1, T0.AddSeconds(-1), []),
    };

    /// <summary>A status of a job the server accepted, in <paramref name="phase"/>, with the next poll due at <paramref name="nextPoll"/>.</summary>
    public static ReindexJobStatus Tracking(ReindexPhase phase = ReindexPhase.Running, DateTimeOffset? nextPoll = null, string progress = "$reindex job has started and is in progress", DateTimeOffset? progressSince = null, int polls = 3) => Sending() with
    {
        Phase = phase,
        Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0.AddMinutes(-10), State = SubmissionState.Accepted },
        StartTime = T0.AddMinutes(-10),
        SubmittedAt = T0.AddMinutes(-10),
        JobId = JobId,
        PollPath = PollPaths.For(JobId),
        Polls = polls,
        LastPollTime = T0.AddMinutes(-1),
        NextAttemptTime = nextPoll ?? T0,
        ServerProgress = progress,
        ServerProgressSince = progressSince ?? T0.AddMinutes(-5),
        Conditions = ReindexConditionSet.For(phase, phase.ToString(), "", 1, T0.AddMinutes(-10), []),
    };

    public static ReindexObservation Observe(SubmitOutcome? submission = null, PollOutcome? poll = null, IReadOnlyList<PeerJob>? peers = null, TargetObservation? target = null)
        => new()
        {
            Target = target ?? new TargetObservation.Resolved(Target),
            Submission = submission,
            Poll = poll,
            Peers = peers ?? [],
            JitterSample = 0.5,
        };

    /// <summary>The one status <paramref name="decision"/> writes.</summary>
    public static ReindexJobStatus WrittenStatus(this ReindexDecision decision) => decision.WrittenStatuses().Single();

    /// <summary>The statuses <paramref name="decision"/> writes, in order (two where it ends a run and starts the rerun waiting for it).</summary>
    public static IEnumerable<ReindexJobStatus> WrittenStatuses(this ReindexDecision decision)
        => decision.Actions.Select(action => action switch
        {
            ReindexAction.WriteSubmissionMarker marker => marker.Status,
            ReindexAction.RecordJobId record => record.Status,
            ReindexAction.PatchStatus patch => patch.Status,
            _ => null,
        }).OfType<ReindexJobStatus>();

    public static IEnumerable<ReindexAction.EmitEvent> Events(this ReindexDecision decision)
        => decision.Actions.OfType<ReindexAction.EmitEvent>();

    public static string Condition(this ReindexJobStatus status, string type)
        => status.Conditions.Single(condition => condition.Type == type).Status;
}
