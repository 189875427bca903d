using FutReindexOperator.Model;

namespace FutReindexOperator.Plans;

/// <summary>What a plan's reconcile saw, besides the plan itself.</summary>
/// <param name="Services">The Services of the plan's namespace; read only when <see cref="PlanDecider.WantsServices"/>
/// says a run may start (null otherwise).</param>
/// <param name="JobNamed">The ReindexJob of that name in the plan's namespace, whoever owns it, or null.</param>
public sealed record PlanObservation(IReadOnlyList<ServiceFacts>? Services, Func<string, ReindexJob?> JobNamed);
