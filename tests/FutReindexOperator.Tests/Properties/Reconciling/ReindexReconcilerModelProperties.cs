using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using FutReindexOperator.Admission;
using FutReindexOperator.Auth;
using FutReindexOperator.Decisions;
using FutReindexOperator.Diagnostics;
using FutReindexOperator.Fhir;
using FutReindexOperator.Kubernetes;
using FutReindexOperator.Model;
using FutReindexOperator.Reconciling;
using FutReindexOperator.Runtime;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;
using FutReindexOperator.Targets;
using FutReindexOperator.Testing.Generators.Jobs;
using FutReindexOperator.Tests.Fhir;
using FutReindexOperator.Tests.Properties.Decisions;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FutReindexOperator.Tests.Properties.Reconciling;

/// <summary>
/// The reconciler driven over generated histories of one job: the server's answers of every class (accepted, refused,
/// unknown job, 401, 403, Envoy 503, 504 after HAPI acted, connection refused, timeouts), reruns requested at any moment,
/// spec edits an API server let through, stale caches, conflicts, clock jumps and restarts that drop every in-memory
/// state. Then the faults stop and the job must settle. Checked from outside, as the API server and HAPI see it.
/// </summary>
[Category("Properties")]
public sealed class ReindexReconcilerModelProperties
{
    [Test]
    public void The_reconciler_keeps_its_promises_over_generated_histories()
        => PropertyRun.Check(Scenario.Cases, scenario => scenario.Play(), iterations: 700, print: scenario => scenario.ToString());

    internal enum EventKind
    {
        Reconcile,
        Rerun,
        EditSpec,
        ClockJump,
        Restart,
        CacheLags,
        CacheCatchesUp,
    }

    /// <summary>How the simulated HAPI (behind Envoy) answers the next request.</summary>
    internal enum Answer
    {
        Good,
        Envoy503,
        TimeoutAfterUpstream,
        ConnectionRefused,
        Unauthorized,
        Forbidden,
        BadRequest,
        UnknownJob,
        Failed,

        /// <summary>A good answer, while someone edits the job's labels: a locked write after the request conflicts (a plain one lands).</summary>
        GoodWhileEdited,
    }

    internal sealed record Event(EventKind Kind, Answer Answer, TimeSpan Advance, string Token, string Service)
    {
        public static readonly Gen<Event> Gen = CsCheck.Gen.Select(
            CsCheck.Gen.Frequency<EventKind>(
                (10, CsCheck.Gen.Const(EventKind.Reconcile)), (1, CsCheck.Gen.Const(EventKind.Rerun)), (1, CsCheck.Gen.Const(EventKind.EditSpec)),
                (1, CsCheck.Gen.Const(EventKind.ClockJump)), (1, CsCheck.Gen.Const(EventKind.Restart)), (1, CsCheck.Gen.Const(EventKind.CacheLags)),
                (1, CsCheck.Gen.Const(EventKind.CacheCatchesUp))),
            CsCheck.Gen.Frequency<Answer>((6, CsCheck.Gen.Const(Answer.Good)), (4, CsCheck.Gen.Enum<Answer>())),
            CsCheck.Gen.Frequency<TimeSpan>((4, CsCheck.Gen.Long[0, 90_000].Select(TimeSpan.FromMilliseconds)), (1, CsCheck.Gen.Long[-72, 400].Select(hours => TimeSpan.FromHours(hours)))),
            MetadataGen.RerunToken,
            CsCheck.Gen.OneOf<string>("fhir", "fhir-b"),
            (kind, answer, advance, token, service) => new Event(kind, answer, advance, token, service));

        public override string ToString() => Kind switch
        {
            EventKind.Reconcile => $"reconcile +{Advance} ({Answer})",
            EventKind.Rerun => $"rerun '{Token}'",
            EventKind.EditSpec => $"edit spec to {Service}",
            EventKind.ClockJump => $"clock {Advance}",
            _ => Kind.ToString(),
        };
    }

    internal sealed record Scenario(JsonObject Spec, IReadOnlyList<Event> Events)
    {
        public static readonly Gen<Scenario> Cases = Gen.Select(
            DecisionGen.Jobs.Spec.Select(spec =>
            {
                spec["target"] = new JsonObject { ["service"] = "fhir", ["basePath"] = spec["target"]!["basePath"]?.DeepClone() ?? "/fhir" };
                spec["auth"] = new JsonObject { ["none"] = new JsonObject() };
                return spec;
            }).Where(spec => DecisionGen.Readable(World.JobJson(spec))),
            Event.Gen.Array[3, 30],
            (spec, events) => new Scenario(spec, events));

        public void Play()
        {
            var world = new World(Spec);
            foreach (var item in Events)
            {
                world.Apply(item);
            }

            world.Settle();
        }

        public override string ToString() => $"spec {Spec.ToJsonString()}; events {string.Join(" | ", Events)}";
    }

    /// <summary>The API server, the cache, HAPI and the operator process of one history.</summary>
    private sealed class World
    {
        private const int SettleRounds = 60;
        private readonly Clock _time = new();
        private readonly Dictionary<string, string> _serverJobs = new(StringComparer.Ordinal);
        private readonly List<string> _runStarts = [];

        // Where _runStarts stood when the rerun annotation last took a new value. A token may come back (A, then B, then A
        // again): each time it is a new value against the one handled last, and starts one run of its own. I9 counts the
        // runs of the token since it was last set, not over the whole history.
        private int _runStartsBeforeLatestRerun;
        private readonly HashSet<string> _writtenOverByThisProcess = new(StringComparer.Ordinal);
        private ReindexJob _stored;
        private ReindexJob? _cached;
        private ReindexReconciler _reconciler = null!;
        private Answer _answer = Answer.Good;
        private int _zeroRequeues;
        private ReconcileResult? _lastResult;
        private InvariantViolation? _violation;
        private int _serverJobsThisRun;
        private string? _runKey;
        private string? _runHost;
        private string? _runAnsweredToThisProcess;
        private string? _decidedOn;
        private TakeoverBarrier _takeover = null!;
        private DateTimeOffset _tookOverAt;

        public World(JsonObject spec)
        {
            _stored = DecisionGen.Read(JobJson(spec));
            _stored.Metadata.ResourceVersion = "1";
            Restart();
        }

        public static JsonObject JobJson(JsonObject spec) => new()
        {
            ["apiVersion"] = "fhir.fut.dk/v1alpha1",
            ["kind"] = "ReindexJob",
            ["metadata"] = new JsonObject { ["name"] = "job", ["namespace"] = "fut", ["uid"] = "uid-job", ["generation"] = 1, ["resourceVersion"] = "1", ["creationTimestamp"] = "2026-12-04T09:00:00Z" },
            ["spec"] = spec.DeepClone(),
        };

        public void Apply(Event item)
        {
            switch (item.Kind)
            {
                case EventKind.Reconcile:
                    _answer = item.Answer;
                    _time.Advance(item.Advance < TimeSpan.Zero ? TimeSpan.Zero : item.Advance);
                    Reconcile();
                    break;
                case EventKind.Rerun:
                    if (_stored.RerunToken != item.Token)
                    {
                        _runStartsBeforeLatestRerun = _runStarts.Count;
                    }

                    Store(job => (job.Metadata.Annotations ??= new Dictionary<string, string>())[ReindexJob.RerunAnnotation] = item.Token);
                    Reconcile();
                    break;
                case EventKind.EditSpec:
                    Store(job =>
                    {
                        job.Spec.Target = new TargetSpec { Service = item.Service, BasePath = job.Spec.Target.BasePath };
                        job.Metadata.Generation = (job.Metadata.Generation ?? 1) + 1;
                    });
                    Reconcile();
                    break;
                case EventKind.ClockJump:
                    _time.Advance(item.Advance);
                    break;
                case EventKind.Restart:
                    Restart();
                    break;
                case EventKind.CacheLags:
                    _cached ??= Copy(_stored);
                    break;
                case EventKind.CacheCatchesUp:
                    CatchUp();
                    break;
            }
        }

        /// <summary>The faults end and the cache catches up; the job is reconciled when it asks to be, until it rests.</summary>
        public void Settle()
        {
            _answer = Answer.Good;
            CatchUp();
            for (var round = 0; round < SettleRounds && _lastResult is not ReconcileResult.DoneResult; round++)
            {
                // Only what the operator itself asked for brings the job back: its requeue, or the backoff after a conflict.
                var delay = _lastResult is ReconcileResult.RequeueAfter after ? after.Delay : TimeSpan.FromSeconds(5);
                _time.Advance(delay < TimeSpan.FromHours(24) ? delay : TimeSpan.FromHours(24));
                Reconcile();
            }

            var status = _stored.Status;
            // Stalled with a marker out is awaiting the user's confirmation, unless it is a refused run's retry (which good
            // answers settle like any other submission).
            if (status is { JobId: null, Submission.State: SubmissionState.Sending, Phase: { } unsettled } && !unsettled.IsTerminal()
                && (unsettled != ReindexPhase.Stalled || RunStates.StalledByRefusal(status)))
            {
                throw new InvariantViolation("I3", $"after {SettleRounds} reconciles with good answers the run is still {unsettled}, its submission Sending without a job id: neither sent again nor stalled (message: {status.Message})");
            }

            if (_stored.RerunToken is { } token && status?.LastHandledRerun != RerunTokens.Recorded(token) && status?.Phase is { } phase && phase.IsTerminal())
            {
                throw new InvariantViolation("I9", $"rerun '{token}' was requested, the run ended {phase}, and the rerun never started (last handled: '{status.LastHandledRerun}', message: {status.Message})");
            }

            var started = _runStarts.Skip(_runStartsBeforeLatestRerun).Count(run => _stored.RerunToken is { } token && run == RerunTokens.Recorded(token));
            if (_stored.RerunToken is not null && started > 1)
            {
                throw new InvariantViolation("I9", $"rerun '{_stored.RerunToken}' started {started} runs");
            }
        }

        /// <summary>The watch delivers what the cache missed: a change of metadata or spec is an event that reconciles the job.</summary>
        private void CatchUp()
        {
            var missed = _cached is not null && (_cached.Metadata.Generation != _stored.Metadata.Generation || _cached.RerunToken != _stored.RerunToken);
            var released = false;
            if (_cached is not null)
            {
                // The watch delivers every version it missed, in order; the one that releases a held key queues it.
                for (var version = _cached.Metadata.ResourceVersion; version != _stored.Metadata.ResourceVersion;)
                {
                    version = Next(version);
                    released |= _takeover.Saw(ObjectKey.Of(_stored), version);
                }
            }

            _cached = null;
            if (missed || released)
            {
                Reconcile();
            }
        }

        private void Reconcile()
        {
            var before = Copy(_stored);
            ReconcileResult result;
            try
            {
                var seen = _cached ?? _stored;
                if (_takeover.Holds(ObjectKey.Of(seen), out var remaining, out _))
                {
                    // As the runtime's loop: not handed to the reconciler, back when the bound ends at the latest.
                    _lastResult = new ReconcileResult.RequeueAfter(remaining);
                    return;
                }

                _decidedOn = seen.Metadata.ResourceVersion;
                result = _reconciler.ReconcileAsync(new ReconcileRequest<ReindexJob>(ObjectKey.Of(seen), Copy(seen), IsDeleted: false), CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (StatusConflictException)
            {
                // Retried by the loop after the key's backoff: not a busy loop.
                _lastResult = null;
                return;
            }

            _lastResult = result;
            if (_violation is not null)
            {
                throw _violation;
            }

            if (result is ReconcileResult.RequeueAfter { Delay: var delay })
            {
                if (delay < TimeSpan.Zero)
                {
                    throw new InvariantViolation("I3", $"requeue after a negative delay {delay}");
                }

                _zeroRequeues = delay == TimeSpan.Zero && StatusJson(before) == StatusJson(_stored) ? _zeroRequeues + 1 : 0;
                if (_zeroRequeues > 3)
                {
                    throw new InvariantViolation("I3", "reconciled again at once, four times in a row, with nothing changed: a busy loop");
                }
            }

            NoStatusBackwards(before.Status, _stored.Status);
        }

        private void Restart()
        {
            _runAnsweredToThisProcess = null;
            _writtenOverByThisProcess.Clear();

            // The new leader's term begins as the runtime's does: its cache compared with a consistent list.
            var key = ObjectKey.Of(_stored);
            _takeover = new TakeoverBarrier(_time);
            _takeover.Begin(() => [(key, (_cached ?? _stored).Metadata.ResourceVersion)]);
            _takeover.Arm([(key, _stored.Metadata.ResourceVersion)]);
            _tookOverAt = _time.GetUtcNow();
            var http = new StubHttpHandler(Hapi);
            var credentials = new CredentialProvider(new NoSecrets(), new OAuth2TokenClient(new HttpClient(http), _time), new TokenCache(_time), new AuthOptions());
            var cache = new Cache(this);
            var admission = new SlotAdmission(cache, NullLogger<SlotAdmission>.Instance);
            var metrics = new ReindexMetrics(Prometheus.Metrics.NewCustomRegistry());
            _reconciler = new ReindexReconciler(
                cache,
                new ReindexObserver(new Services(), Options.Create(new TargetOptions()), admission, NullLogger<ReindexObserver>.Instance),
                admission,
                new JobStatusWrites(new Writer(this), metrics, _time, NullLogger<JobStatusWrites>.Instance),
                new NoEvents(),
                new ReindexServerCalls(credentials, new FhirReindexClient(new HttpClient(http)), metrics, NullLogger<ReindexServerCalls>.Instance),
                Options.Create(new ReindexOperatorPolicy()),
                _time);
        }

        private void Store(Action<ReindexJob> change)
        {
            var job = Copy(_stored);
            change(job);
            job.Metadata.ResourceVersion = Next(job.Metadata.ResourceVersion);
            _stored = job;
            if (_cached is null)
            {
                // The cache follows the server: it shows the new version.
                _takeover.Saw(ObjectKey.Of(job), job.Metadata.ResourceVersion);
            }
        }

        /// <summary>HAPI behind Envoy, answering as <see cref="_answer"/> says; checks I2 and I8 on every request.</summary>
        private HttpResponseMessage Hapi(HttpRequestMessage request)
        {
            var status = _stored.Status;
            var host = request.RequestUri!.Host;
            if (request.Method == HttpMethod.Post)
            {
                var run = $"{status?.LastHandledRerun}/{status?.RunGeneration}";
                if (run != _runKey)
                {
                    (_runKey, _serverJobsThisRun, _runHost) = (run, 0, null);
                }

                if (_runAnsweredToThisProcess == run)
                {
                    _violation ??= new InvariantViolation("I2", $"a second $reindex POST in run {run} although this process, not restarted since, received the first one's job id");
                }

                if (_serverJobsThisRun > 0 && status?.Submission?.DuplicatePossible != true)
                {
                    _violation ??= new InvariantViolation("I2", $"a second $reindex POST in run {run} (the server already made a job) without DuplicatePossible recorded");
                }
            }
            else if (_serverJobs.TryGetValue(PolledJobId(request), out var submittedTo) && host != submittedTo)
            {
                _violation ??= new InvariantViolation("I8", $"a poll of job {PolledJobId(request)} went to {host}, the job was submitted to {submittedTo}");
            }
            else if (_runHost is not null && host != _runHost && !TakenOverWithACacheLaggingPastTheBound())
            {
                _violation ??= new InvariantViolation("I8", $"a poll of the run went to {host}, the run was submitted to {_runHost}");
            }

            if (_answer == Answer.GoodWhileEdited)
            {
                Store(job => (job.Metadata.Labels ??= new Dictionary<string, string>())["edited"] = job.Metadata.ResourceVersion);
            }

            switch (_answer)
            {
                case Answer.Envoy503:
                    return Reply(HttpStatusCode.ServiceUnavailable, HapiPayloads.EnvoyConnectFailure, "text/plain");
                case Answer.ConnectionRefused:
                    throw new HttpRequestException("connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
                case Answer.Unauthorized:
                    return Reply(HttpStatusCode.Unauthorized, HapiPayloads.Unauthorized);
                case Answer.Forbidden:
                    return Reply(HttpStatusCode.Forbidden, HapiPayloads.EnvoyRbacDenied, "text/plain");
                case Answer.BadRequest when request.Method == HttpMethod.Post:
                    return Reply(HttpStatusCode.BadRequest, HapiPayloads.UnknownResourceType);
            }

            if (request.Method == HttpMethod.Post)
            {
                var id = Guid.NewGuid().ToString();
                _serverJobs[id] = host;

                // A run starts when the server first makes a job for it: a run whose requests never reached HAPI may
                // still take up an edited spec (a new runGeneration) without being a second run of its rerun.
                if (_serverJobsThisRun == 0)
                {
                    _runStarts.Add(status?.LastHandledRerun ?? "");
                }

                _serverJobsThisRun++;
                _runHost = host;
                if (_answer == Answer.TimeoutAfterUpstream)
                {
                    return Reply(HttpStatusCode.GatewayTimeout, HapiPayloads.EnvoyTimeout, "text/plain");
                }

                _runAnsweredToThisProcess = _runKey;
                var accepted = Reply(HttpStatusCode.Accepted, HapiPayloads.Accepted.Replace(HapiPayloads.JobId, id, StringComparison.Ordinal));
                accepted.Content.Headers.TryAddWithoutValidation("Content-Location", HapiPayloads.InternalContentLocation.Replace(HapiPayloads.JobId, id, StringComparison.Ordinal));
                return accepted;
            }

            return _answer switch
            {
                Answer.UnknownJob => Reply(HttpStatusCode.NotFound, HapiPayloads.UnknownJob),
                Answer.Failed => Reply(HttpStatusCode.OK, HapiPayloads.Failed),
                Answer.TimeoutAfterUpstream => Reply(HttpStatusCode.GatewayTimeout, HapiPayloads.EnvoyTimeout, "text/plain"),
                _ when !_serverJobs.ContainsKey(PolledJobId(request)) => Reply(HttpStatusCode.NotFound, HapiPayloads.UnknownJob),
                _ => Reply(HttpStatusCode.OK, HapiPayloads.Completed),
            };
        }

        private static string PolledJobId(HttpRequestMessage request)
            => Uri.UnescapeDataString(request.RequestUri!.Query.Split("_jobId=").LastOrDefault() ?? "");

        /// <summary>
        /// The reconcile decided on a copy the API server had moved past through writes of an earlier process, at least
        /// the runtime's bound (<see cref="TakeoverBarrier.Expiry"/>) after this process took over: only a cache that
        /// still lags the previous leader's last writes that long. Within one process a poll always belongs to the
        /// current run (WrittenVersions), and across a takeover too: the term holds a job whose cached copy is older than
        /// the server's at its start until the cache shows the server's version. Past the bound the runtime reconciles
        /// the job on what its cache shows, and such a decision may repeat the poll of the run that copy shows, at that
        /// run's pinned target (the job-level I8 check above still holds it there); its writes that change the run's
        /// state are locked and refused, so nothing is sent twice.
        /// </summary>
        private bool TakenOverWithACacheLaggingPastTheBound()
            => _decidedOn is { } decidedOn && decidedOn != _stored.Metadata.ResourceVersion && !_writtenOverByThisProcess.Contains(decidedOn)
                && _time.GetUtcNow() - _tookOverAt >= TakeoverBarrier.Expiry;

        private static HttpResponseMessage Reply(HttpStatusCode code, string body, string mediaType = "application/fhir+json")
            => new(code) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

        /// <summary>
        /// A run Stalled by a refusal shows Stalled through its retries: a write of an attempt (its marker, or what came of
        /// it) that neither records a job id nor ends the run keeps the phase and the Ready, Reconciling and Stalled
        /// conditions' status and lastTransitionTime, so that watchers, kubectl wait and Argo CD see no flap.
        /// </summary>
        private static void StalledStaysSteady(ReindexJobStatus? before, ReindexJobStatus written)
        {
            if (before is null || before.LastHandledRerun != written.LastHandledRerun || !RunStates.StalledByRefusal(before)
                || written.JobId is not null || written.Phase is { } ended && ended.IsTerminal())
            {
                return;
            }

            var attempt = before.Submission?.State == SubmissionState.Sending
                || KubernetesJson.Serialize(before.Submission) != KubernetesJson.Serialize(written.Submission);
            var shown = new[] { ReindexConditions.Ready, ReindexConditions.Reconciling, ReindexConditions.Stalled };
            string Shown(ReindexJobStatus status) => string.Join(", ", shown.Select(type => status.Conditions.FirstOrDefault(condition => condition.Type == type))
                .Select(condition => $"{condition?.Type}={condition?.Status} since {condition?.LastTransitionTime:o}"));
            if (attempt && (written.Phase != ReindexPhase.Stalled || Shown(written) != Shown(before)))
            {
                throw new InvariantViolation("StalledSteady", $"a retry of a run Stalled by a refusal wrote phase {written.Phase} ({Shown(written)}; before: {Shown(before)}; message: {written.Message})");
            }
        }

        private static void NoStatusBackwards(ReindexJobStatus? before, ReindexJobStatus? after)
        {
            if (before is null || after is null || before.LastHandledRerun != after.LastHandledRerun)
            {
                return;
            }

            if (before.Phase is { } phase && phase.IsTerminal() && after.Phase is { } now && !now.IsTerminal())
            {
                throw new InvariantViolation("I11", $"the stored phase moved back from {phase} to {now} without a rerun");
            }

            if (before.JobId is not null && after.JobId != before.JobId)
            {
                throw new InvariantViolation("I11", $"the stored job id {before.JobId} was replaced by {after.JobId ?? "nothing"} without a rerun");
            }
        }

        private static string StatusJson(ReindexJob job) => job.Status is null ? "" : KubernetesJson.Serialize(job.Status);

        private static ReindexJob Copy(ReindexJob job) => KubernetesJson.Deserialize<ReindexJob>(KubernetesJson.Serialize(job));

        private static string Next(string? resourceVersion)
            => (long.Parse(resourceVersion ?? "0", CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);

        /// <summary>The API server's status subresource: merge patch, locked on the resource version or plain, validated by the CRD's schema.</summary>
        private sealed class Writer(World world) : IStatusWriter
        {
            public Task<TResource> PatchStatusAsync<TResource>(TResource resource, object status, CancellationToken cancellationToken)
                where TResource : class, IKubernetesObject<V1ObjectMeta>
            {
                var job = (ReindexJob)(object)resource;
                // Fenced as the operator's writes are: any change since (an annotation edit too) is a conflict.
                if (job.Metadata.ResourceVersion != world._stored.Metadata.ResourceVersion)
                {
                    throw new StatusConflictException($"the status of {job.Metadata.Name} changed since resource version {job.Metadata.ResourceVersion}");
                }

                return MergeStatusAsync(resource, status, cancellationToken);
            }

            /// <summary>A plain merge patch: no resource version, lands on whatever status the server holds.</summary>
            public Task<TResource> MergeStatusAsync<TResource>(TResource resource, object status, CancellationToken cancellationToken)
                where TResource : class, IKubernetesObject<V1ObjectMeta>
            {
                var current = JsonNode.Parse(KubernetesJson.Serialize(world._stored.Status ?? new ReindexJobStatus()));
                var patched = MergePatch.Apply(current, JsonNode.Parse(KubernetesJson.Serialize(status)))!;
                var written = KubernetesJson.Deserialize<ReindexJobStatus>(patched.ToJsonString());
                DecisionChecks.StatusPassesSchema(written);
                // The version read and the one replaced: they differ for a plain patch that lands on an edit made since.
                world._writtenOverByThisProcess.UnionWith([resource.Metadata.ResourceVersion!, world._stored.Metadata.ResourceVersion!]);
                StalledStaysSteady(world._stored.Status, written);
                world.Store(stored => stored.Status = written);
                return Task.FromResult((TResource)(object)Copy(world._stored));
            }
        }

        private sealed class Cache(World world) : IResourceCache<ReindexJob>
        {
            public bool HasSynced => true;

            public bool TryGet(ObjectKey key, [NotNullWhen(true)] out ReindexJob? resource)
            {
                resource = Copy(world._cached ?? world._stored);
                return true;
            }

            public IReadOnlyList<ReindexJob> List() => [Copy(world._cached ?? world._stored)];

            public IReadOnlyList<ReindexJob> ListIndexed(string index, string value)
                => [.. List().Where(job => PeerJob.TargetOf(job) == value)];
        }

        /// <summary>A wall clock that tests move by hand, backwards too (a node's clock can be stepped back).</summary>
        private sealed class Clock : TimeProvider
        {
            private DateTimeOffset _now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

            public override DateTimeOffset GetUtcNow() => _now;

            public void Advance(TimeSpan by) => _now = by > TimeSpan.Zero && DateTimeOffset.MaxValue - _now < by ? DateTimeOffset.MaxValue
                : by < TimeSpan.Zero && _now - DateTimeOffset.MinValue < -by ? DateTimeOffset.MinValue
                : _now + by;
        }

        private sealed class NoEvents : IEventRecorder
        {
            public void Record(IKubernetesObject<V1ObjectMeta> regarding, EventSeverity severity, string reason, string action, string note)
            {
            }
        }

        private sealed class Services : IServiceReader
        {
            public Task<V1Service?> ReadAsync(string namespaceName, string name, CancellationToken cancellationToken)
                => Task.FromResult<V1Service?>(new V1Service
                {
                    Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = namespaceName },
                    Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 8080 }] },
                });
        }

        private sealed class NoSecrets : ISecretReader
        {
            public Task<V1Secret?> ReadAsync(string namespaceName, string name, CancellationToken cancellationToken) => Task.FromResult<V1Secret?>(null);
        }
    }
}
