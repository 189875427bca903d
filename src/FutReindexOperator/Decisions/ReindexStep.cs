using FutReindexOperator.Fhir;
using FutReindexOperator.Model;

namespace FutReindexOperator.Decisions;

/// <summary>
/// What follows a decision once its actions are carried out. <see cref="Submit"/> and <see cref="Poll"/> are calls to
/// the server whose outcome the decider takes next (<see cref="ReindexRun"/> does that); <see cref="Wait"/> and
/// <see cref="Done"/> end the reconcile.
/// </summary>
public abstract record ReindexStep
{
    private ReindexStep()
    {
    }

    /// <summary>POST <c>$reindex</c> with <paramref name="Spec"/> to <paramref name="Target"/>, using the credentials of <paramref name="Spec"/>'s auth.</summary>
    public sealed record Submit(FhirBase Target, ReindexJobSpec Spec) : ReindexStep;

    /// <summary>
    /// GET <paramref name="PollPath"/> relative to <paramref name="Target"/> with the credentials of
    /// <paramref name="Auth"/>: the base and auth the run was submitted with, whatever the spec says now.
    /// </summary>
    public sealed record Poll(FhirBase Target, string PollPath, AuthSpec Auth) : ReindexStep;

    /// <summary>Reconcile again after <paramref name="Delay"/> (zero: as soon as possible).</summary>
    public sealed record Wait(TimeSpan Delay) : ReindexStep;

    /// <summary>Nothing more to do until the job changes (a spec edit, a rerun annotation).</summary>
    public sealed record Done : ReindexStep;
}
