using FutReindexOperator.Fhir;

namespace FutReindexOperator.Decisions;

/// <summary>The result of resolving the job's target (see <c>Targets.TargetResolver</c>).</summary>
public abstract record TargetObservation
{
    private TargetObservation()
    {
    }

    /// <summary>The FHIR base to send requests to.</summary>
    public sealed record Resolved(FhirBase Base) : TargetObservation;

    /// <summary>The Service does not exist (yet): wait and retry.</summary>
    public sealed record NotFound(string Message) : TargetObservation;

    /// <summary>The target is not allowed (ExternalName, another namespace, no usable port): a person must change something.</summary>
    public sealed record Refused(string Message) : TargetObservation;
}
