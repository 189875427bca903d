using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
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
using FutReindexOperator.Tests.Auth;
using FutReindexOperator.Tests.Fhir;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Tests.Reconciling;

public sealed class ReindexReconcilerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_NewJob_WritesTheMarkerBeforeThePostThenTheJobId(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted));

        var result = await world.Reconciler.ReconcileAsync(world.Request(Job("first")), cancellationToken);

        world.Log.Should().Equal("status: Submitting, Sending", "POST $reindex", "status: Queued, Accepted");
        world.Jobs["first"].Status!.JobId.Should().Be(HapiPayloads.JobId);
        result.Should().BeOfType<ReconcileResult.RequeueAfter>();
        world.Events.Recorded.Should().ContainSingle(item => item.Reason == EventReasons.Submitted);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_MarkerConflict_SendsNothingAndLeavesTheRetryToTheKeysBackoff(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted));
        world.StatusWriter.Conflict = true;

        var reconcile = () => world.Reconciler.ReconcileAsync(world.Request(Job("first")), cancellationToken);

        // Not a RequeueAfter(0): the loop requeues a conflict after the key's exponential backoff (no write loop on a stale cache).
        await reconcile.Should().ThrowAsync<StatusConflictException>();
        world.Log.Should().BeEmpty();
        world.Http.Requests.Should().BeEmpty();
    }

    /// <summary>
    /// Found by the fuzz run (seed 89865557): the job id write after an accepted POST conflicted with a rerun annotation
    /// just set, the id was dropped with the failed reconcile, and the next one could only resubmit as a possible duplicate.
    /// </summary>
    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_JobIdWriteConflicts_NextReconcileRecordsTheIdWithoutASecondPost(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted));
        world.StatusWriter.ConflictOnWrite = 2;
        var first = () => world.Reconciler.ReconcileAsync(world.Request(Job("first")), cancellationToken);
        await first.Should().ThrowAsync<StatusConflictException>();

        await world.Reconciler.ReconcileAsync(world.Request(world.Jobs["first"]), cancellationToken);

        world.Log.Should().Equal("status: Submitting, Sending", "POST $reindex", "status: Queued, Accepted");
        world.Jobs["first"].Status!.JobId.Should().Be(HapiPayloads.JobId);
        world.Jobs["first"].Status!.Submission!.DuplicatePossible.Should().BeFalse();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_NewJob_LocksTheMarkerAndTheJobIdWrites(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted));

        await world.Reconciler.ReconcileAsync(world.Request(Job("first")), cancellationToken);

        world.StatusWriter.Locked.Should().Equal(true, true);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_StaleCopyOfANewJob_MarkerWriteConflictsAndSendsNoPost(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted));
        world.StatusWriter.ServerResourceVersion = "2";

        var reconcile = () => world.Reconciler.ReconcileAsync(world.Request(Job("first")), cancellationToken);

        await reconcile.Should().ThrowAsync<StatusConflictException>();
        world.Http.Requests.Should().BeEmpty();
        world.Log.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_PollInProgressOnACopyWhoseMetadataChangedSince_WritesTheProgressPlainWithoutAConflict(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.OK, HapiPayloads.InProgressGenA));
        world.StatusWriter.ServerResourceVersion = "2";
        var job = RunningJob("first");

        await world.Reconciler.ReconcileAsync(world.Request(job), cancellationToken);

        world.Log.Should().Contain("GET status").And.EndWith("status: Running, Accepted");
        world.StatusWriter.Locked.Should().NotBeEmpty().And.OnlyContain(locked => !locked);
        world.Jobs["first"].Status!.LastPollTime.Should().Be(T0);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_CacheShowsAnEditMadeBeforeItsOwnPlainWrite_WaitsForTheCacheWithoutPollingAgain(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.OK, HapiPayloads.InProgressGenA));
        var edited = await PollOnACopyReadBeforeAnEditAsync(world, cancellationToken);

        var result = await world.Reconciler.ReconcileAsync(world.Request(edited), cancellationToken);

        result.Should().Be(new ReconcileResult.RequeueAfter(ReindexReconciler.StaleCacheRecheck));
        world.Http.Requests.Should().ContainSingle();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_CacheShowsAStatusWrittenOverLongerThanTheExpiry_DecidesOnIt(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.OK, HapiPayloads.InProgressGenA));
        var edited = await PollOnACopyReadBeforeAnEditAsync(world, cancellationToken);
        world.Time.Advance(JobStatusWrites.StaleStatusExpiry);

        var result = await world.Reconciler.ReconcileAsync(world.Request(edited), cancellationToken);

        result.Should().NotBe(new ReconcileResult.RequeueAfter(ReindexReconciler.StaleCacheRecheck));
        world.Http.Requests.Should().HaveCount(2);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_SecretMissing_WaitsForCredentialsWithoutAPost(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted));
        var job = Job("first");
        job.Spec.Auth = new AuthSpec { BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = "absent", Key = "token" } } };

        await world.Reconciler.ReconcileAsync(world.Request(job), cancellationToken);

        world.Http.Requests.Should().BeEmpty();
        var status = world.Jobs["first"].Status!;
        status.Phase.Should().Be(ReindexPhase.Pending);
        status.Submission!.State.Should().Be(SubmissionState.NotSent);
        status.Conditions.Should().Contain(condition => condition.Reason == ConditionReasons.WaitingForCredentials);
    }

    /// <summary>Issue 13 #5: later jobs on the target waited for minutes behind a job waiting for its Secret, while nothing ran.</summary>
    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_EarlierJobWaitsForItsSecret_LaterJobStartsAtOnce(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted));
        var first = Job("first");
        first.Spec.Auth = new AuthSpec { BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = "absent", Key = "token" } } };
        await world.Reconciler.ReconcileAsync(world.Request(first), cancellationToken);

        await world.Reconciler.ReconcileAsync(world.Request(Job("second", createdAt: T0.AddSeconds(1))), cancellationToken);

        world.Http.Requests.Should().ContainSingle();
        world.Jobs["second"].Status!.JobId.Should().Be(HapiPayloads.JobId);
        world.Events.Recorded.Should().NotContain(item => item.Reason == EventReasons.Waiting);
    }

    /// <summary>Issue 13 #6: a token with an interior newline left the job in Submitting with a DuplicatePossible warning per attempt.</summary>
    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_TokenWithAnInteriorNewline_SendsNothingAndSaysWhichKeyIsWrong(CancellationToken cancellationToken)
    {
        var secrets = new FakeSecretReader();
        secrets.Put("fut", "fhir-token", new() { ["token"] = "secret-part-one\nsecret-part-two" });
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted), secrets);
        var job = Job("first");
        job.Spec.Auth = new AuthSpec { BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = "fhir-token", Key = "token" } } };

        var result = await world.Reconciler.ReconcileAsync(world.Request(job), cancellationToken);

        world.Http.Requests.Should().BeEmpty();
        var status = world.Jobs["first"].Status!;
        status.Phase.Should().Be(ReindexPhase.Stalled);
        status.Submission!.State.Should().Be(SubmissionState.NotSent);
        status.Message.Should().Contain("key 'token' of Secret fut/fhir-token").And.Contain("line break").And.NotContain("secret-part");
        world.Events.Recorded.Should().NotContain(item => item.Reason == EventReasons.DuplicatePossible)
            .And.OnlyContain(item => !item.Note.Contains("secret-part"));
        result.Should().BeOfType<ReconcileResult.RequeueAfter>().Which.Delay.Should().BeGreaterThan(TimeSpan.Zero);
        world.Admission.Reservations("fut/organization/fhir").Reserved.Should().BeEmpty();
    }

    /// <summary>Issue 13 #4: basePath /fhir/. reached the same FHIR base as /fhir but counted as another target.</summary>
    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_PeerRunsOnAnotherSpellingOfTheSameBase_Waits(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted));
        await world.Reconciler.ReconcileAsync(world.Request(Job("first")), cancellationToken);
        var second = Job("second", createdAt: T0.AddSeconds(1));
        second.Spec.Target.BasePath = "/x/../fhir/.";

        await world.Reconciler.ReconcileAsync(world.Request(second), cancellationToken);

        world.Log.Should().ContainSingle(entry => entry == "POST $reindex");
        world.Jobs["second"].Status!.Message.Should().StartWith("waiting for a free slot on http://organization");
    }

    /// <summary>Issue 13 #7: after a spec edit mid-run the polls, with the bearer token, went to the new port.</summary>
    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_SpecEditedMidRun_PollsThePinnedBaseWithThePinnedToken(CancellationToken cancellationToken)
    {
        var secrets = new FakeSecretReader();
        secrets.Put("fut", "run-token", new() { ["token"] = "token-of-the-run" });
        secrets.Put("fut", "edited-token", new() { ["token"] = "token-of-the-edit" });
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.InProgressGenA), secrets);
        var job = Job("first");
        job.Metadata.Generation = 2;
        job.Spec.Target.Port = 9090;
        job.Spec.Auth = new AuthSpec { BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = "edited-token", Key = "token" } } };
        job.Status = new ReindexJobStatus
        {
            Phase = ReindexPhase.Running,
            JobId = HapiPayloads.JobId,
            TargetBase = "http://organization.fut.svc.cluster.local:8080/fhir/",
            Auth = new AuthSpec { BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = "run-token", Key = "token" } } },
            StartTime = T0.AddMinutes(-5),
            RunGeneration = 1,
            Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0.AddMinutes(-5), State = SubmissionState.Accepted },
        };

        await world.Reconciler.ReconcileAsync(world.Request(job), cancellationToken);

        var request = world.Http.Requests.Should().ContainSingle().Subject.Request;
        request.RequestUri!.Port.Should().Be(8080);
        request.Headers.Authorization!.Parameter.Should().Be("token-of-the-run");
        world.Jobs["first"].Status!.TargetBase.Should().Be("http://organization.fut.svc.cluster.local:8080/fhir/");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_PollCompletes_EndsTheJobAndTheEndInTheCacheWakesTheWaitingPeers(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.OK, HapiPayloads.Completed));
        var job = Job("first");
        job.Status = new ReindexJobStatus
        {
            Phase = ReindexPhase.Running,
            JobId = HapiPayloads.JobId,
            StartTime = T0.AddMinutes(-5),
            RunGeneration = 1,
            Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0.AddMinutes(-5), State = SubmissionState.Accepted },
        };
        world.Add(Job("second"));

        await world.Reconciler.ReconcileAsync(world.Request(job), cancellationToken);

        world.Jobs["first"].Status!.Phase.Should().Be(ReindexPhase.Succeeded);
        world.Http.Requests.Should().ContainSingle().Which.Request.Method.Should().Be(HttpMethod.Get);
        world.Admission.KeysFor(job, world.Jobs["first"]).Should().Equal(new ObjectKey("fut", "second"));
    }

    /// <summary>Issue 13 #8: the run ended, its status-only change woke nobody, and the rerun waited for the 10 h resync.</summary>
    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_RunEndsWhileARerunWaits_StartsTheRerunInTheSameReconcile(CancellationToken cancellationToken)
    {
        var world = new World(request => request.Method == HttpMethod.Get ? Answer(HttpStatusCode.OK, HapiPayloads.Completed) : Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted));
        var job = Job("first");
        job.Metadata.Annotations = new Dictionary<string, string> { [ReindexJob.RerunAnnotation] = "b" };
        job.Status = new ReindexJobStatus
        {
            Phase = ReindexPhase.Running,
            JobId = "first-run",
            LastHandledRerun = "a",
            StartTime = T0.AddMinutes(-5),
            RunGeneration = 1,
            Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0.AddMinutes(-5), State = SubmissionState.Accepted },
        };

        await world.Reconciler.ReconcileAsync(world.Request(job), cancellationToken);

        world.Log.SkipWhile(entry => entry != "GET status").Should().Equal("GET status", "status: Succeeded, Accepted", "status: Submitting, Sending", "POST $reindex", "status: Queued, Accepted");
        world.Jobs["first"].Status!.LastHandledRerun.Should().Be("b");
        world.Events.Recorded.Should().ContainSingle(item => item.Reason == EventReasons.RerunStarted);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_Deleted_SendsNothingAndTheDeletionInTheCacheWakesTheWaitingPeers(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted));
        world.Add(Job("second"));

        var result = await world.Reconciler.ReconcileAsync(new ReconcileRequest<ReindexJob>(new ObjectKey("fut", "first"), Job("first"), IsDeleted: true), cancellationToken);

        result.Should().Be(ReconcileResult.Done);
        world.Http.Requests.Should().BeEmpty();
        world.Admission.KeysFor(Job("first"), null).Should().Equal(new ObjectKey("fut", "second"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_PeerAdmittedButNotYetInTheCache_WaitsForItsSlot(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted)) { CacheLags = true };
        world.Add(Job("second", createdAt: T0.AddSeconds(1)));
        // Refused earlier and due again: the lagging cache keeps showing it Stalled, which holds no slot.
        var first = Job("first");
        first.Status = new ReindexJobStatus
        {
            Phase = ReindexPhase.Stalled,
            ObservedGeneration = 1,
            Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0.AddMinutes(-1), State = SubmissionState.NotSent },
            Retry = new RetryState { Reason = ConditionReasons.Forbidden, Count = 1, Since = T0.AddMinutes(-1) },
            NextAttemptTime = T0,
        };
        await world.Reconciler.ReconcileAsync(world.Request(first), cancellationToken);

        await world.Reconciler.ReconcileAsync(world.Request(world.Jobs["second"]), cancellationToken);

        world.Log.Should().ContainSingle(entry => entry == "POST $reindex");
        world.Events.Recorded.Should().Contain(item => item.Reason == EventReasons.Waiting && item.Note.Contains("waiting for a free slot"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_PeerAdmittedAndSeenInTheCache_NoLongerNeedsItsReservation(CancellationToken cancellationToken)
    {
        var world = new World(_ => Answer(HttpStatusCode.Accepted, HapiPayloads.Accepted));
        await world.Reconciler.ReconcileAsync(world.Request(Job("first")), cancellationToken);

        await world.Reconciler.ReconcileAsync(world.Request(Job("second", createdAt: T0.AddSeconds(1))), cancellationToken);

        world.Admission.Reservations("fut/organization/fhir").Reserved.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReconcileAsync_SubmissionNotSent_ReleasesTheSlotItReserved(CancellationToken cancellationToken)
    {
        var world = new World(_ => throw new HttpRequestException("connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused))) { CacheLags = true };

        await world.Reconciler.ReconcileAsync(world.Request(Job("first")), cancellationToken);

        world.Log.Should().Contain("status: Pending, NotSent");
        world.Admission.Reservations("fut/organization/fhir").Reserved.Should().BeEmpty();
    }

    /// <summary>
    /// A running job polled on the copy the cache showed (version 1) while an annotation edit had made version 2 on the
    /// server: the plain writes land on top of it. Returns version 2 as the cache shows it next: the edit, with the
    /// status from before the writes.
    /// </summary>
    private static async Task<ReindexJob> PollOnACopyReadBeforeAnEditAsync(World world, CancellationToken cancellationToken)
    {
        var job = RunningJob("first");
        var edited = KubernetesJson.Deserialize<ReindexJob>(KubernetesJson.Serialize(job));
        edited.Metadata.ResourceVersion = "2";
        edited.Metadata.Annotations = new Dictionary<string, string> { ["team"] = "platform" };
        world.StatusWriter.ServerResourceVersion = "2";
        await world.Reconciler.ReconcileAsync(world.Request(job), cancellationToken);
        world.Http.Requests.Should().ContainSingle("the first reconcile polls once");
        world.Time.Advance(TimeSpan.FromSeconds(1));
        return edited;
    }

    /// <summary>A job whose run was submitted to the organization Service five minutes ago and is being polled.</summary>
    private static ReindexJob RunningJob(string name)
    {
        var job = Job(name);
        job.Status = new ReindexJobStatus
        {
            Phase = ReindexPhase.Running,
            JobId = HapiPayloads.JobId,
            TargetBase = "http://organization.fut.svc.cluster.local:8080/fhir/",
            StartTime = T0.AddMinutes(-5),
            RunGeneration = 1,
            Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0.AddMinutes(-5), State = SubmissionState.Accepted },
        };
        return job;
    }

    private static ReindexJob Job(string name, DateTimeOffset? createdAt = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "fut", Uid = name, Generation = 1, ResourceVersion = "1", CreationTimestamp = (createdAt ?? T0).UtcDateTime },
        Spec = new ReindexJobSpec { Target = new TargetSpec { Service = "organization" }, Urls = ["Organization?"], Auth = new AuthSpec { None = new NoAuth() } },
    };

    private static HttpResponseMessage Answer(HttpStatusCode status, string body)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/fhir+json") };
        response.Content.Headers.TryAddWithoutValidation("Content-Location", HapiPayloads.InternalContentLocation);
        return response;
    }

    private sealed class World
    {
        public World(Func<HttpRequestMessage, HttpResponseMessage> answer, ISecretReader? secrets = null)
        {
            Http = new StubHttpHandler(request =>
            {
                Log.Add(request.Method == HttpMethod.Post ? "POST $reindex" : "GET status");
                return answer(request);
            });
            StatusWriter = new FakeStatusWriter(this);
            var time = Time;
            var credentials = new CredentialProvider(secrets ?? new NoSecrets(), new OAuth2TokenClient(new HttpClient(Http), time), new TokenCache(time), new AuthOptions());
            Admission = new SlotAdmission(new FakeCache(this), NullLogger<SlotAdmission>.Instance);
            var metrics = new ReindexMetrics(Prometheus.Metrics.NewCustomRegistry());
            Reconciler = new ReindexReconciler(
                new FakeCache(this),
                new ReindexObserver(new FixedService(), Options.Create(new TargetOptions()), Admission, NullLogger<ReindexObserver>.Instance),
                Admission,
                new JobStatusWrites(StatusWriter, metrics, time, NullLogger<JobStatusWrites>.Instance),
                Events,
                new ReindexServerCalls(credentials, new FhirReindexClient(new HttpClient(Http)), metrics, NullLogger<ReindexServerCalls>.Instance),
                Options.Create(new ReindexOperatorPolicy()),
                time);
        }

        /// <summary>When set, status writes reach the API server but not the cache, as when the watch lags behind.</summary>
        public bool CacheLags { get; init; }

        public FakeTimeProvider Time { get; } = new(T0);

        public SlotAdmission Admission { get; }

        public Dictionary<string, ReindexJob> Jobs { get; } = [];

        public List<string> Log { get; } = [];

        public StubHttpHandler Http { get; }

        public FakeStatusWriter StatusWriter { get; }

        public FakeEvents Events { get; } = new();

        public ReindexReconciler Reconciler { get; }

        public void Add(ReindexJob job) => Jobs[job.Metadata.Name] = job;

        public ReconcileRequest<ReindexJob> Request(ReindexJob job)
        {
            Add(job);
            return new ReconcileRequest<ReindexJob>(ObjectKey.Of(job), job, IsDeleted: false);
        }
    }

    private sealed class FakeCache(World world) : IResourceCache<ReindexJob>
    {
        public bool HasSynced => true;

        public bool TryGet(ObjectKey key, [NotNullWhen(true)] out ReindexJob? resource) => world.Jobs.TryGetValue(key.Name, out resource);

        public IReadOnlyList<ReindexJob> List() => [.. world.Jobs.Values];

        public IReadOnlyList<ReindexJob> ListIndexed(string index, string value)
            => index == SlotAdmission.TargetIndex
                ? [.. world.Jobs.Values.Where(job => PeerJob.TargetOf(job) == value)]
                : throw new ArgumentException($"No cache index is named '{index}'.", nameof(index));
    }

    private sealed class FakeEvents : IEventRecorder
    {
        public List<(string Reason, string Note)> Recorded { get; } = [];

        public void Record(IKubernetesObject<V1ObjectMeta> regarding, EventSeverity severity, string reason, string action, string note) => Recorded.Add((reason, note));
    }

    /// <summary>
    /// Applies the merge patch as the API server would and logs the phase and submission state written. A locked write
    /// (<see cref="PatchStatusAsync"/>) may conflict; a plain one (<see cref="MergeStatusAsync"/>) never does.
    /// </summary>
    private sealed class FakeStatusWriter(World world) : IStatusWriter
    {
        /// <summary>Every locked write conflicts, as on a cache that lags the server's status.</summary>
        public bool Conflict { get; set; }

        /// <summary>The write with this number (from 1) conflicts if it is locked, as when an annotation edit lands just before it.</summary>
        public int? ConflictOnWrite { get; set; }

        /// <summary>
        /// When set, the resourceVersion the API server holds for every job (another writer changed them since the copy
        /// the cache shows): a locked write decided on another version conflicts.
        /// </summary>
        public string? ServerResourceVersion { get; set; }

        /// <summary>Each write in order: true when it was locked on the resourceVersion read.</summary>
        public List<bool> Locked { get; } = [];

        private int _writes;

        public Task<TResource> PatchStatusAsync<TResource>(TResource resource, object status, CancellationToken cancellationToken)
            where TResource : class, IKubernetesObject<V1ObjectMeta>
        {
            Locked.Add(true);
            if (Conflict || ++_writes == ConflictOnWrite || (ServerResourceVersion is { } held && held != resource.Metadata.ResourceVersion))
            {
                throw new StatusConflictException("conflict");
            }

            return Task.FromResult(Apply(resource, status));
        }

        public Task<TResource> MergeStatusAsync<TResource>(TResource resource, object status, CancellationToken cancellationToken)
            where TResource : class, IKubernetesObject<V1ObjectMeta>
        {
            Locked.Add(false);
            _writes++;
            return Task.FromResult(Apply(resource, status));
        }

        private TResource Apply<TResource>(TResource resource, object status)
            where TResource : class, IKubernetesObject<V1ObjectMeta>
        {
            var job = (ReindexJob)(object)resource;
            var current = JsonNode.Parse(KubernetesJson.Serialize(job.Status ?? new ReindexJobStatus()));
            var patched = MergePatch.Apply(current, JsonNode.Parse(KubernetesJson.Serialize(status)));
            var updated = KubernetesJson.Deserialize<ReindexJob>(KubernetesJson.Serialize(job));
            updated.Status = KubernetesJson.Deserialize<ReindexJobStatus>(patched!.ToJsonString());
            updated.Metadata.ResourceVersion = (long.Parse(ServerResourceVersion ?? job.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (ServerResourceVersion is not null)
            {
                ServerResourceVersion = updated.Metadata.ResourceVersion;
            }

            if (!world.CacheLags)
            {
                world.Jobs[job.Metadata.Name] = updated;
            }

            world.Log.Add($"status: {updated.Status.Phase}, {updated.Status.Submission?.State}");
            return (TResource)(object)updated;
        }
    }

    private sealed class FixedService : IServiceReader
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
