using FutReindexOperator.Decisions;

namespace FutReindexOperator.Targets;

/// <summary>What the shell must do to resolve a job's target.</summary>
public abstract record TargetPlan
{
    private TargetPlan()
    {
    }

    /// <summary>Read this Service (always in an allowed namespace), then call <see cref="TargetResolver.FromService"/>.</summary>
    public sealed record ReadService(string Namespace, string Name) : TargetPlan;

    /// <summary>Nothing to read: the observation is already known (an allowlisted external base, or a refusal).</summary>
    public sealed record Known(TargetObservation Observation) : TargetPlan;
}
