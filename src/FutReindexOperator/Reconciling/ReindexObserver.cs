using FutReindexOperator.Admission;
using FutReindexOperator.Decisions;
using FutReindexOperator.Diagnostics;
using FutReindexOperator.Kubernetes;
using FutReindexOperator.Model;
using FutReindexOperator.Targets;
using Microsoft.Extensions.Options;

namespace FutReindexOperator.Reconciling;

/// <summary>
/// Observes what a decision needs besides the job: its target (the Service, through <see cref="TargetResolver"/>), its
/// peers and the reservations on its target (<see cref="SlotAdmission"/>), and a jitter sample.
/// </summary>
public sealed class ReindexObserver(IServiceReader services, IOptions<TargetOptions> targets, SlotAdmission admission, ILogger<ReindexObserver> logger)
{
    public async Task<(ReindexObservation Observation, SlotSnapshot Slots)> ObserveAsync(ReindexJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var target = TargetResolver.Plan(job, targets.Value) switch
        {
            TargetPlan.Known known => known.Observation,
            TargetPlan.ReadService read => await ReadServiceAsync(job, read, cancellationToken),
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

    /// <summary>The target from its Service; a missing permission to read it is waited out like a missing Service, with the 403 as the message.</summary>
    private async Task<TargetObservation> ReadServiceAsync(ReindexJob job, TargetPlan.ReadService read, CancellationToken cancellationToken)
    {
        try
        {
            return TargetResolver.FromService(job, await services.ReadAsync(read.Namespace, read.Name, cancellationToken), targets.Value);
        }
        catch (k8s.Autorest.HttpOperationException exception) when (ApiForbidden.Is(exception))
        {
            var message = ApiForbidden.Describe($"cannot read Service {read.Namespace}/{read.Name}", exception);
            logger.ApiForbidden(PeerJob.KeyOf(job), message);
            return new TargetObservation.NotFound(message);
        }
    }
}
