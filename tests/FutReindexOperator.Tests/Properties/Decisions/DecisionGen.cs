using System.Text.Json.Nodes;
using CsCheck;
using FutReindexOperator.Admission;
using FutReindexOperator.Auth;
using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Targets;
using FutReindexOperator.Testing.Generators.Jobs;
using FutReindexOperator.Testing.Generators.Schema;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Tests.Properties.Decisions;

/// <summary>
/// Inputs of the decision: jobs from the CRD's schema, every answer class of the FHIR server (the closed outcome types),
/// transport failures, credential failures, peers and reservations, and times that jump far ahead or back.
/// </summary>
internal static class DecisionGen
{
    public static readonly CrdSchema Schema = CrdSchema.ReindexJob();

    public static readonly ReindexJobGen Jobs = new(Schema);

    /// <summary>Text as a server, a proxy or a person could send it: long, non-ASCII, with control characters.</summary>
    public static readonly Gen<string> RawText = SchemaGen.Text(new JsonObject { ["maxLength"] = 3000 });

    /// <summary>Server text as the FHIR dialect hands it to the decision (sanitised and shortened, as the classifiers do).</summary>
    public static readonly Gen<string> ServerWords = RawText.Select(text => ServerText.Sanitize(text));

    /// <summary>A job id as a server could name it: a UUID mostly, sometimes odd or long.</summary>
    public static readonly Gen<string> JobId = Gen.Frequency<string>(
        (6, Gen.Guid.Select(guid => guid.ToString())),
        (1, SchemaGen.Text(new JsonObject { ["pattern"] = "^[^&\\s\"]+$", ["maxLength"] = 400 })));

    public static readonly Gen<CredentialFailure> CredentialFailure = Gen.Select(Gen.Enum<CredentialProblem>(), ServerWords, (problem, message) => new CredentialFailure(problem, message));

    public static readonly Gen<SubmitOutcome> SubmitOutcome = Gen.OneOf<SubmitOutcome>(
        Gen.Select(JobId, Gen.Bool, ServerWords, (id, trackable, message) => (SubmitOutcome)new SubmitOutcome.Accepted(id, trackable, message)),
        ServerWords.Select(message => (SubmitOutcome)new SubmitOutcome.AcceptedWithoutJobId(message)),
        Gen.Select(Gen.Int[400, 499], ServerWords, (code, message) => (SubmitOutcome)new SubmitOutcome.Rejected(code, message)),
        ServerWords.Select(message => (SubmitOutcome)new SubmitOutcome.Unauthorized(message)),
        ServerWords.Select(message => (SubmitOutcome)new SubmitOutcome.Forbidden(message)),
        ServerWords.Select(message => (SubmitOutcome)new SubmitOutcome.NotSent(message)),
        ServerWords.Select(message => (SubmitOutcome)new SubmitOutcome.MaybeSent(message)),
        CredentialFailure.Select(failure => (SubmitOutcome)new SubmitOutcome.CredentialsUnavailable(failure)));

    public static readonly Gen<PollOutcome> PollOutcome = Gen.OneOf<PollOutcome>(
        Gen.Select(Gen.Enum<ServerJobState>(), Gen.Frequency<string>((3, Gen.OneOf<string>("$reindex job has started and is in progress", "queued")), (1, ServerWords)), (state, text) => (PollOutcome)new PollOutcome.Progress(state, text)),
        Gen.Select(Gen.Nullable<long>(Gen.Long[0, long.MaxValue], 0.25), ServerWords, (count, summary) => (PollOutcome)new PollOutcome.Succeeded(new ReindexReport { ResourcesChanged = count, Summary = summary })),
        ServerWords.Select(text => (PollOutcome)new PollOutcome.Cancelled(text)),
        ServerWords.Select(text => (PollOutcome)new PollOutcome.FailedOrErrored(text)),
        ServerWords.Select(text => (PollOutcome)new PollOutcome.Lost(text)),
        Gen.Select(Gen.Int[400, 499], ServerWords, (code, text) => (PollOutcome)new PollOutcome.Rejected(code, text)),
        ServerWords.Select(text => (PollOutcome)new PollOutcome.StatusUnsupported(text)),
        ServerWords.Select(text => (PollOutcome)new PollOutcome.Unauthorized(text)),
        ServerWords.Select(text => (PollOutcome)new PollOutcome.Forbidden(text)),
        ServerWords.Select(text => (PollOutcome)new PollOutcome.Transient(text)),
        CredentialFailure.Select(failure => (PollOutcome)new PollOutcome.CredentialsUnavailable(failure)));

    /// <summary>The operator's policy: its defaults, or the short values of the sandbox and the benchmarks.</summary>
    public static readonly Gen<ReindexOperatorPolicy> Policy = Gen.Frequency<ReindexOperatorPolicy>(
        (2, Gen.Const(() => new ReindexOperatorPolicy())),
        (1, Gen.Int[1, 100].Select(limit => new ReindexOperatorPolicy
        {
            MaxRunningPerTarget = limit,
            RetryBase = TimeSpan.FromMilliseconds(200),
            RetryCap = TimeSpan.FromSeconds(1),
            RefusedRetryBase = TimeSpan.FromMilliseconds(500),
            RefusedRetryCap = TimeSpan.FromSeconds(2),
            WaitingRecheck = TimeSpan.FromSeconds(1),
        })));

    private static readonly Gen<PeerJob> Peer = Gen.Select(Gen.Int[0, 5], SchemaGen.DateTimes, Gen.Bool, Gen.Bool, (index, created, holds, waiting) =>
        new PeerJob($"fut/peer-{index}", created, holds, waiting && !holds));

    /// <summary>An offset from a time the status names: none, seconds, hours, or a clock jump of years either way.</summary>
    private static readonly Gen<TimeSpan> Offset = Gen.Frequency<TimeSpan>(
        (3, Gen.Const(TimeSpan.Zero)),
        (4, Gen.Long[-120_000, 600_000].Select(TimeSpan.FromMilliseconds)),
        (2, Gen.Long[-48, 400].Select(hours => TimeSpan.FromHours(hours))),
        (1, Gen.Long[-3650, 36500].Select(days => TimeSpan.FromDays(days))));

    /// <summary>A job from its generated JSON, as the watch would hand it over (throws where the model cannot read it).</summary>
    public static ReindexJob Read(JsonObject json) => KubernetesJson.Deserialize<ReindexJob>(json.ToJsonString());

    /// <summary>True when the model reads <paramref name="json"/>; the deserialisation property checks that it always does.</summary>
    public static bool Readable(JsonObject json)
    {
        try
        {
            Read(json);
            return true;
        }
#pragma warning disable CA1031 // Unreadable jobs are counted by their own property; here they are only filtered out.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>What the shell could observe for <paramref name="job"/>, consistent with its status as the decider requires.</summary>
    public static Gen<ReindexObservation> Observation(ReindexJob job)
    {
        var status = job.Status;
        var target = Gen.Frequency<TargetObservation>(
            (8, Gen.Const(() => TargetResolver.FromService(job, Service(job), new TargetOptions()))),
            (1, Gen.Const<TargetObservation>(new TargetObservation.NotFound($"Service {job.Spec.Target?.Service} not found"))),
            (1, Gen.Const<TargetObservation>(new TargetObservation.Refused("Service is of type ExternalName; only cluster Services are targets"))));
        var submission = status?.Submission?.State == SubmissionState.Sending ? Gen.Null(SubmitOutcome, 0.25) : Gen.Const<SubmitOutcome?>((SubmitOutcome?)null);
        var poll = status?.JobId is not null ? Gen.Null(PollOutcome, 0.25) : Gen.Const<PollOutcome?>((PollOutcome?)null);
        return Gen.Select(target, Peer.List[0, 4], Gen.Int[0, 3], submission, poll, Gen.Double[0, 0.999_999], (resolved, peers, reserved, submitted, polled, jitter) => new ReindexObservation
        {
            Target = resolved,
            Peers = [.. peers.DistinctBy(peer => peer.Key)],
            ReservedSlots = [.. peers.Take(reserved).Select(peer => peer.Key)],
            Submission = submitted,
            Poll = submitted is null ? polled : null,
            JitterSample = jitter,
        });
    }

    /// <summary>A time near one the status names (or any time), sometimes far off: the clock may have jumped.</summary>
    public static Gen<DateTimeOffset> Now(ReindexJob job)
    {
        var status = job.Status;
        var anchors = new[] { status?.NextAttemptTime, status?.StartTime, status?.LastPollTime, status?.ServerProgressSince, status?.Submission?.StartedAt }
            .OfType<DateTimeOffset>().ToArray();
        var anchor = anchors.Length == 0 ? SchemaGen.DateTimes : Gen.Frequency<DateTimeOffset>((3, Gen.OneOf<DateTimeOffset>(anchors)), (1, SchemaGen.DateTimes));
        return Gen.Select(anchor, Offset, (time, offset) =>
            offset > TimeSpan.Zero && DateTimeOffset.MaxValue - time < offset ? DateTimeOffset.MaxValue
            : offset < TimeSpan.Zero && time - DateTimeOffset.MinValue < -offset ? DateTimeOffset.MinValue
            : time + offset);
    }

    /// <summary>The job's Service as the API server would return it: a port named http.</summary>
    public static V1Service Service(ReindexJob job) => new()
    {
        Metadata = new V1ObjectMeta { Name = job.Spec.Target?.Service ?? "fhir", NamespaceProperty = job.Spec.Target?.Namespace ?? job.Metadata.NamespaceProperty },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = job.Spec.Target?.Port ?? 8080 }] },
    };

    /// <summary>Every status a decision writes, in order.</summary>
    public static IEnumerable<ReindexJobStatus> WrittenStatuses(ReindexDecision decision) => decision.Actions.Select(action => action switch
    {
        ReindexAction.WriteSubmissionMarker marker => marker.Status,
        ReindexAction.RecordJobId record => record.Status,
        ReindexAction.PatchStatus patch => patch.Status,
        _ => null,
    }).OfType<ReindexJobStatus>();
}
