using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using FutReindexOperator.Model;
using FutReindexOperator.Plans;
using FutReindexOperator.Runtime;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FutReindexOperator.Tests.Plans.PlanWorld;

namespace FutReindexOperator.Tests.Plans;

/// <summary>
/// The plan reconciler on caches that lag its own writes, as the 100-Service plan benchmark saw them: the API server's
/// side (the plan's status with optimistic locking, ReindexJob creates refused when the name exists) is exact, and the
/// caches show only what a test hands them.
/// </summary>
public sealed class ReindexPlanReconcilerTests
{
    [Test]
    public async Task Reconcile_PlanCopyOlderThanItsOwnLastStatusWrite_WritesNothingAndRequeues()
    {
        var world = new World();
        var first = world.Plan;
        await world.ReconcileAsync(first);
        var writes = world.Writes.Count;

        var result = await world.ReconcileAsync(first);

        result.Should().Be(new ReconcileResult.RequeueAfter(ReindexPlanReconciler.StaleCacheRecheck));
        world.Writes.Should().HaveCount(writes);
    }

    /// <summary>
    /// A leader that takes over with a cache lagging the old leader's writes has no expectations yet: its decision on
    /// the old copy is refused at the plan's locked status write, before any child write it asked for.
    /// </summary>
    [Test]
    public async Task Reconcile_NewLeaderOnAPlanCopyOlderThanTheServers_IsRefusedBeforeAnyChildWrite()
    {
        var world = new World();
        var old = world.Plan;
        await world.ReconcileAsync(old);
        var writes = world.Writes.Count;
        world.TakeOverAsNewLeader();

        var reconcile = () => world.ReconcileAsync(old);

        await reconcile.Should().ThrowAsync<StatusConflictException>();
        world.Writes.Skip(writes).Should().Equal("status 1");
    }

    [Test]
    public async Task Reconcile_ChildCreatedButNotYetInTheCache_IsNotCreatedAgain()
    {
        var world = new World();
        await world.ReconcileAsync(world.Plan);

        await world.ReconcileAsync(world.Plan);

        world.Writes.Where(write => write.StartsWith("create", StringComparison.Ordinal)).Should().Equal($"create {Child}");
        world.Plan.Status!.Children.Single().Uid.Should().Be(world.Server[Child].Metadata.Uid);
    }

    [Test]
    public async Task Reconcile_CacheShowsTheCreatedChild_DropsItsExpectation()
    {
        var world = new World();
        await world.ReconcileAsync(world.Plan);
        world.Expectations.Pending(world.Plan).Should().Be(1);
        world.Cache[Child] = world.Server[Child];

        await world.ReconcileAsync(world.Plan);

        world.Expectations.Pending(world.Plan).Should().Be(0);
    }

    [Test]
    public async Task Reconcile_CacheShowsTheLastStatusWrite_DecidesAgain()
    {
        var world = new World();
        await world.ReconcileAsync(world.Plan);
        world.Cache[Child] = world.Server[Child];
        world.Cache[Child].Status = new ReindexJobStatus { Phase = ReindexPhase.Running, Message = "Running" };

        var result = await world.ReconcileAsync(world.Plan);

        result.Should().NotBe(new ReconcileResult.RequeueAfter(ReindexPlanReconciler.StaleCacheRecheck));
        world.Plan.Status!.Children.Single().Phase.Should().Be(PlanChildPhase.Running);
    }

    [Test]
    public async Task Reconcile_DeletedPlan_DropsItsExpectations()
    {
        var world = new World();
        var first = world.Plan;
        await world.ReconcileAsync(first);

        await world.Reconciler.ReconcileAsync(new ReconcileRequest<ReindexPlan>(ObjectKey.Of(world.Plan), world.Plan, IsDeleted: true), CancellationToken.None);

        world.Expectations.Pending(world.Plan).Should().Be(0);
        world.Expectations.IsStale(first).Should().BeFalse();
    }

    [Test]
    public void JobNamed_ExpectationOlderThanItsExpiry_AnswersWhatTheCacheShows()
    {
        var time = new FakeTimeProvider(T0);
        var expectations = new PlanExpectations(time);
        var plan = NewPlan(services: ["task"]);
        expectations.Created(plan, new ReindexJob { Metadata = new V1ObjectMeta { Name = Child, NamespaceProperty = "fut", Uid = "uid-1" } });

        time.Advance(PlanExpectations.Expiry);

        expectations.JobNamed(plan, _ => null)(Child).Should().BeNull();
        expectations.Pending(plan).Should().Be(0);
    }

    [Test]
    public void JobNamed_PlanOfTheSameNameWithAnotherUid_IsNotAnsweredTheEarlierPlansChildren()
    {
        var expectations = new PlanExpectations(new FakeTimeProvider(T0));
        var earlier = NewPlan(services: ["task"]);
        expectations.Created(earlier, new ReindexJob { Metadata = new V1ObjectMeta { Name = Child, NamespaceProperty = "fut", Uid = "uid-1" } });
        var again = NewPlan(services: ["task"]);
        again.Metadata.Uid = "plan-uid-2";

        expectations.JobNamed(again, _ => null)(Child).Should().BeNull();
        expectations.Pending(earlier).Should().Be(0);
    }

    private static string Child => ChildNames.For("all", "task");

    /// <summary>One plan over the Service "task"; what the API server holds, and caches that show only what they are given.</summary>
    private sealed class World
    {
        private int _version = 1;

        public World()
        {
            Plan = NewPlan(services: ["task"]);
            Plan.Metadata.ResourceVersion = "1";
            (Expectations, Reconciler) = NewProcess();
        }

        /// <summary>The plan as the API server holds it.</summary>
        public ReindexPlan Plan { get; set; }

        /// <summary>The ReindexJobs the API server holds, by name.</summary>
        public Dictionary<string, ReindexJob> Server { get; } = new(StringComparer.Ordinal);

        /// <summary>The ReindexJobs the cache shows, by name.</summary>
        public Dictionary<string, ReindexJob> Cache { get; } = new(StringComparer.Ordinal);

        /// <summary>Every write sent to the API server, refused or not: "status {resourceVersion}" or "create {name}".</summary>
        public List<string> Writes { get; } = [];

        public PlanExpectations Expectations { get; private set; }

        public ReindexPlanReconciler Reconciler { get; private set; }

        /// <summary>Another replica becomes the leader: a reconciler with no expectations of this one's writes.</summary>
        public void TakeOverAsNewLeader() => (Expectations, Reconciler) = NewProcess();

        private (PlanExpectations, ReindexPlanReconciler) NewProcess()
        {
            var expectations = new PlanExpectations(new FakeTimeProvider(T0));
            var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }, new ApiServer(this));
            return (expectations, new ReindexPlanReconciler(
                new JobCache(this), expectations, new PlanStatusWriter(this), new NoEvents(), client, new FakeTimeProvider(T0), NullLogger<ReindexPlanReconciler>.Instance));
        }

        public string NextVersion() => $"{++_version}";

        /// <summary>A reconcile on <paramref name="seen"/>, the plan as the cache shows it.</summary>
        public Task<ReconcileResult> ReconcileAsync(ReindexPlan seen)
            => Reconciler.ReconcileAsync(new ReconcileRequest<ReindexPlan>(ObjectKey.Of(seen), seen, IsDeleted: false), CancellationToken.None);
    }

    private sealed class JobCache(World world) : IResourceCache<ReindexJob>
    {
        public bool HasSynced => true;

        public bool TryGet(ObjectKey key, [NotNullWhen(true)] out ReindexJob? resource) => world.Cache.TryGetValue(key.Name, out resource);

        public IReadOnlyList<ReindexJob> List() => [.. world.Cache.Values];

        public IReadOnlyList<ReindexJob> ListIndexed(string index, string value) => throw new ArgumentException($"No cache index is named '{index}'.", nameof(index));
    }

    /// <summary>The plan's status with optimistic locking: a write decided on an older copy is refused.</summary>
    private sealed class PlanStatusWriter(World world) : IStatusWriter
    {
        public Task<TResource> MergeStatusAsync<TResource>(TResource resource, object status, CancellationToken cancellationToken)
            where TResource : class, IKubernetesObject<V1ObjectMeta>
            => throw new InvalidOperationException("A plan's status write gates its child writes: it is locked on the resourceVersion it was decided on, never plain.");

        public Task<TResource> PatchStatusAsync<TResource>(TResource resource, object status, CancellationToken cancellationToken)
            where TResource : class, IKubernetesObject<V1ObjectMeta>
        {
            var plan = (ReindexPlan)(object)resource;
            if (plan.Status is not null && KubernetesJson.Serialize(plan.Status) == KubernetesJson.Serialize(status))
            {
                return Task.FromResult(resource);
            }

            world.Writes.Add($"status {plan.Metadata.ResourceVersion}");
            if (plan.Metadata.ResourceVersion != world.Plan.Metadata.ResourceVersion)
            {
                throw new StatusConflictException($"The status of {plan.Metadata.Name} changed since it was read.");
            }

            var written = KubernetesJson.Deserialize<ReindexPlan>(KubernetesJson.Serialize(plan));
            written.Status = (ReindexPlanStatus)status;
            written.Metadata.ResourceVersion = world.NextVersion();
            world.Plan = written;
            return Task.FromResult((TResource)(object)KubernetesJson.Deserialize<ReindexPlan>(KubernetesJson.Serialize(written)));
        }
    }

    /// <summary>The API server's answers to the reconciler's list of Services and its ReindexJob creates.</summary>
    private sealed class ApiServer(World world) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Get && path == "/api/v1/namespaces/fut/services")
            {
                var services = new V1ServiceList { Items = [new V1Service { Metadata = new V1ObjectMeta { Name = "task", NamespaceProperty = "fut" } }] };
                return Answer(request, HttpStatusCode.OK, services);
            }

            if (request.Method == HttpMethod.Post && path == "/apis/fhir.fut.dk/v1alpha1/namespaces/fut/reindexjobs")
            {
                var child = KubernetesJson.Deserialize<ReindexJob>(await request.Content!.ReadAsStringAsync(cancellationToken));
                world.Writes.Add($"create {child.Metadata.Name}");
                if (world.Server.ContainsKey(child.Metadata.Name))
                {
                    return new HttpResponseMessage(HttpStatusCode.Conflict)
                    {
                        RequestMessage = request,
                        Content = new StringContent(
                            $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"AlreadyExists","code":409,"message":"reindexjobs.fhir.fut.dk \"{{child.Metadata.Name}}\" already exists"}""",
                            Encoding.UTF8,
                            "application/json"),
                    };
                }

                child.Metadata.Uid = $"uid-{child.Metadata.Name}";
                child.Metadata.ResourceVersion = world.NextVersion();
                world.Server[child.Metadata.Name] = child;
                return Answer(request, HttpStatusCode.Created, child);
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        private static HttpResponseMessage Answer(HttpRequestMessage request, HttpStatusCode code, object body)
            => new(code) { RequestMessage = request, Content = new StringContent(KubernetesJson.Serialize(body), Encoding.UTF8, "application/json") };
    }

    private sealed class NoEvents : IEventRecorder
    {
        public void Record(IKubernetesObject<V1ObjectMeta> regarding, EventSeverity severity, string reason, string action, string note)
        {
        }
    }
}
