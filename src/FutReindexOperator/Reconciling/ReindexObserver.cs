using FutReindexOperator.Admission;
using FutReindexOperator.Decisions;
using FutReindexOperator.Kubernetes;
using FutReindexOperator.Model;
using FutReindexOperator.Targets;
using Microsoft.Extensions.Options;

namespace FutReindexOperator.Reconciling;

/// <summary>
/// Observes what a decision needs besides the job: its target (the Service, through <see cref="TargetResolver"/>), its
/// peers and the reservations on its target (<see cref="SlotAdmission"/>), and a jitter sample.
/// </summary>
public sealed class ReindexObserver(IServiceReader services, IOptions<TargetOptions> targets, SlotAdmission admission)
{
    public async Task<(ReindexObservation Observation, SlotSnapshot Slots)> ObserveAsync(ReindexJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var target = TargetResolver.Plan(job, targets.Value) switch
        {
            TargetPlan.Known known => known.Observation,
            TargetPlan.ReadService read => TargetResolver.FromService(job, await services.ReadAsync(read.Namespace, read.Name, cancellationToken), targets.Value),
            var plan => throw new InvalidOperationException($"Unknown target plan {plan.GetType().Name}."),
        };
        var (peers, slots) = admission.Observe(job);
        var observation = new ReindexObservation
        {
            Target = target,
            Peers = peers,
            ReservedSlots = slots.Reserved,
            JitterSample = Random.Shared.NextDouble(),
        };
        return (observation, slots);
    }
}
