using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;

namespace FutReindexOperator.Plans;

/// <summary>
/// What a plan's reconcile does, in order: write <see cref="Status"/> (nothing is sent when it is unchanged), then the
/// child actions, then the events. The status goes first, so a child is only created or rerun once the plan's own
/// record of the run (fenced by its resource version) says it started.
/// </summary>
/// <param name="Status">The plan's new status.</param>
/// <param name="ChildActions">Children to create or rerun, in the plan's target order.</param>
/// <param name="Events">Events on the plan.</param>
/// <param name="RequeueAfter">Look again after this long; null: only a change (of the plan or a child) or a resync wakes it.</param>
public sealed record PlanDecision(
    ReindexPlanStatus Status,
    IReadOnlyList<PlanChildAction> ChildActions,
    IReadOnlyList<PlanEvent> Events,
    TimeSpan? RequeueAfter);

/// <summary>Something done to a child ReindexJob. The plan never deletes one: garbage collection does, after the plan.</summary>
public abstract record PlanChildAction(string Name)
{
    /// <summary>Create <paramref name="Child"/>; one that exists already (a lagging cache) is left as it is.</summary>
    public sealed record Create(ReindexJob Child) : PlanChildAction(Child.Metadata.Name);

    /// <summary>Set the child's <c>fhir.fut.dk/rerun</c> annotation to <paramref name="Token"/>, so that it runs again.</summary>
    public sealed record Rerun(string ChildName, string Token) : PlanChildAction(ChildName);
}

/// <summary>An event about the plan.</summary>
public sealed record PlanEvent(EventSeverity Type, string Reason, string Action, string Note);
