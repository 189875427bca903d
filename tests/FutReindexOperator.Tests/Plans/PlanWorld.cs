using FutReindexOperator.Model;
using FutReindexOperator.Plans;
using k8s.Models;

namespace FutReindexOperator.Tests.Plans;

/// <summary>
/// A small model of the cluster around one plan, for the decider's tests: Services, ReindexJobs by name, the plan with
/// optimistic locking on its status, and a child controller that is moved by hand. <see cref="Reconcile"/> carries out
/// a decision as the reconciler does (status, then children) and records every effective child write.
/// </summary>
internal sealed class PlanWorld
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);

    /// <summary>The ReindexJobs the cache has shown a reconcile: an informer never un-sees an object it showed.</summary>
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);

    private int _uids;
    private long _version = 1;

    public PlanWorld(ReindexPlan plan, params string[] services)
    {
        Plan = plan;
        foreach (var service in services)
        {
            AddService(service);
        }
    }

    public ReindexPlan Plan { get; private set; }

    public long PlanVersion => _version;

    public Dictionary<string, ServiceFacts> Services { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ReindexJob> Jobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Every child write that changed something: (name, "create" or "rerun", plan run token).</summary>
    public List<(string Name, string Kind, string? Run)> ChildWrites { get; } = [];

    public List<PlanEvent> Events { get; } = [];

    public DateTimeOffset Now { get; set; } = T0;

    public static ReindexPlan NewPlan(
        string name = "all",
        IList<string>? services = null,
        ServiceSelector? selector = null,
        int maxConcurrent = ReindexPlanSpec.DefaultMaxConcurrentTargets,
        PlanFailurePolicy policy = PlanFailurePolicy.Continue,
        Action<ReindexJobSpec>? template = null)
    {
        var spec = new ReindexJobSpec { Urls = ["Organization?"], Auth = new AuthSpec { None = new NoAuth() } };
        template?.Invoke(spec);
        return new ReindexPlan
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "fut", Uid = "plan-uid", Generation = 1 },
            Spec = new ReindexPlanSpec
            {
                Targets = new PlanTargets { Services = services ?? [], Selector = selector },
                Template = spec,
                MaxConcurrentTargets = maxConcurrent,
                FailurePolicy = policy,
            },
        };
    }

    public void AddService(string name, params (string Key, string Value)[] labels)
        => Services[name] = new ServiceFacts(name, labels.ToDictionary(label => label.Key, label => label.Value));

    /// <summary>Adds a ReindexJob the plan does not control.</summary>
    public void AddForeignJob(string name)
        => Jobs[name] = new ReindexJob { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "fut", Uid = $"foreign-{name}" } };

    /// <summary>Decides on <paramref name="seen"/> (default: the current plan) and carries out the decision.</summary>
    /// <returns>The decision, or null when its status write lost to a newer status (nothing else is done then).</returns>
    public PlanDecision? Reconcile(ReindexPlan? seen = null, long? seenVersion = null)
    {
        var view = seen ?? Plan;
        var observation = new PlanObservation(
            PlanDecider.WantsServices(view) ? [.. Services.Values] : null,
            name => Jobs.TryGetValue(name, out var job) ? job : null);
        var decision = PlanDecider.Decide(view, observation, Now);
        _shown.UnionWith(Jobs.Keys);
        var changed = !StatusEquals(view.Status, decision.Status);
        if (changed)
        {
            if ((seenVersion ?? _version) != _version)
            {
                return null;
            }

            Plan = Copy(Plan, decision.Status);
            _version++;
        }

        foreach (var action in decision.ChildActions)
        {
            switch (action)
            {
                case PlanChildAction.Create create when !Jobs.ContainsKey(create.Name):
                    create.Child.Metadata.Uid = $"uid-{++_uids}";
                    Jobs[create.Name] = create.Child;
                    ChildWrites.Add((create.Name, "create", Plan.Status?.LastHandledRerun));
                    break;
                case PlanChildAction.Rerun rerun when Jobs[rerun.Name].RerunToken != rerun.Token:
                    Jobs[rerun.Name].Metadata.Annotations ??= new Dictionary<string, string>();
                    Jobs[rerun.Name].Metadata.Annotations[ReindexJob.RerunAnnotation] = rerun.Token;
                    ChildWrites.Add((rerun.Name, "rerun", rerun.Token));
                    break;
                default:
                    break;
            }
        }

        Events.AddRange(decision.Events);
        return decision;
    }

    /// <summary>
    /// Reconciles with a ReindexJob cache that lags: of the children it has never shown a reconcile, it hides those
    /// <paramref name="lags"/> picks. A child shown once (a previous run's child, even though the new run's rows have no
    /// uid yet) is never hidden again. A create the lagging cache asks for is refused by the server (the child is there),
    /// so it is not an effective child write.
    /// </summary>
    public PlanDecision? ReconcileWithLaggingCache(Func<string, bool> lags)
    {
        ArgumentNullException.ThrowIfNull(lags);
        var writesBefore = ChildWrites.Count;
        var hidden = Jobs.Where(job => !_shown.Contains(job.Key) && lags(job.Key)).ToList();
        foreach (var (name, _) in hidden)
        {
            Jobs.Remove(name);
        }

        var decision = Reconcile();
        foreach (var (name, job) in hidden)
        {
            Jobs[name] = job;
            for (var index = ChildWrites.Count - 1; index >= writesBefore; index--)
            {
                if (ChildWrites[index] is { Kind: "create" } write && write.Name == name)
                {
                    ChildWrites.RemoveAt(index);
                }
            }
        }

        return decision;
    }

    /// <summary>Reconciles until nothing changes (at most 50 passes).</summary>
    public void Settle()
    {
        for (var pass = 0; pass < 50; pass++)
        {
            var before = (_version, ChildWrites.Count);
            Reconcile();
            if ((_version, ChildWrites.Count) == before)
            {
                return;
            }
        }
    }

    /// <summary>The child controller takes the child's current rerun token and moves it to <paramref name="phase"/>.</summary>
    public void Move(string child, ReindexPhase phase, string? jobId = null)
    {
        var job = Jobs[child];
        job.Status = (job.Status ?? new ReindexJobStatus()) with
        {
            Phase = phase,
            JobId = jobId ?? job.Status?.JobId,
            LastHandledRerun = job.RerunToken is { } token ? RerunTokens.Recorded(token) : job.Status?.LastHandledRerun,
            Message = $"{phase}",
        };
    }

    public void RequestRerun(string token)
    {
        Plan.Metadata.Annotations ??= new Dictionary<string, string>();
        Plan.Metadata.Annotations[ReindexJob.RerunAnnotation] = token;
    }

    /// <summary>The plan's children that the world's child controller would count as running in the plan's current run.</summary>
    public IEnumerable<ReindexJob> RunningChildrenOfRun()
        => Jobs.Values.Where(job => PlanDecider.IsControlledBy(job, Plan)
            && job.RerunToken == Plan.Status?.LastHandledRerun
            && !(job.Status?.Phase is { } phase && phase.IsTerminal()
                && (job.RerunToken is null || job.Status.LastHandledRerun == RerunTokens.Recorded(job.RerunToken))));

    public PlanChild Row(string service) => Plan.Status!.Children.Single(row => row.Service == service);

    public static ReindexPlan Copy(ReindexPlan plan, ReindexPlanStatus? status) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = plan.Metadata.Name,
            NamespaceProperty = plan.Metadata.NamespaceProperty,
            Uid = plan.Metadata.Uid,
            Generation = plan.Metadata.Generation,
            Annotations = plan.Metadata.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : null,
        },
        Spec = plan.Spec,
        Status = status,
    };

    private static bool StatusEquals(ReindexPlanStatus? left, ReindexPlanStatus right)
        => left is not null && k8s.KubernetesJson.Serialize(left) == k8s.KubernetesJson.Serialize(right);
}
