using FutReindexOperator.Fhir;
using FutReindexOperator.Model;

namespace FutReindexOperator.Decisions;

/// <summary>
/// The I/O one reconcile needs, as <see cref="ReindexRun"/> drives it. The reconciler implements it against the cluster
/// and the FHIR server; tests and the benchmark model implement it with scripted answers.
/// </summary>
public interface IReindexRunShell
{
    /// <summary>The time, read once per decision.</summary>
    DateTimeOffset Now { get; }

    /// <summary>
    /// Carries out <paramref name="decision"/>'s actions in order and returns the job as its last status write returned
    /// it (<paramref name="job"/> when it wrote nothing), or null when the shell stopped before the end: the target's slot
    /// went to another job since the decision's peers were read. Nothing has been sent then; the job decides again soon.
    /// </summary>
    Task<ReindexJob?> CarryOutAsync(ReindexJob job, ReindexDecision decision, CancellationToken cancellationToken);

    /// <summary>Performs <paramref name="submit"/> for <paramref name="job"/>.</summary>
    Task<SubmitOutcome> SubmitAsync(ReindexJob job, ReindexStep.Submit submit, CancellationToken cancellationToken);

    /// <summary>Performs <paramref name="poll"/> for <paramref name="job"/>.</summary>
    Task<PollOutcome> PollAsync(ReindexJob job, ReindexStep.Poll poll, CancellationToken cancellationToken);
}

/// <summary>
/// One reconcile of a ReindexJob as a sequence of decisions: decide, carry out the actions, and where the next step is a
/// call to the server, perform it and decide on its outcome with the job as the status writes returned it. The
/// reconcile ends with the first <see cref="ReindexStep.Wait"/> or <see cref="ReindexStep.Done"/>. Callers need not know
/// how many decisions a reconcile takes.
/// </summary>
public static class ReindexRun
{
    /// <summary>
    /// More calls than a reconcile can need (a poll that ends a run, the POST of the rerun waiting for it, and one spare):
    /// reaching it is a defect of the decider, and stopping beats calling the server without end.
    /// </summary>
    private const int MaxCalls = 3;

    /// <returns>The step that ended the reconcile: <see cref="ReindexStep.Wait"/> or <see cref="ReindexStep.Done"/>.</returns>
    public static async Task<ReindexStep> ReconcileAsync(
        ReindexJob job, ReindexObservation observation, ReindexOperatorPolicy policy, IReindexRunShell shell, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(shell);
        var idle = observation with { Submission = null, Poll = null };
        for (var calls = 0; ; calls++)
        {
            var decision = ReindexDecider.Decide(job, observation, shell.Now, policy);
            if (await shell.CarryOutAsync(job, decision, cancellationToken) is not { } written)
            {
                return new ReindexStep.Wait(TimeSpan.Zero);
            }

            job = written;
            if (decision.Next is ReindexStep.Wait or ReindexStep.Done)
            {
                return decision.Next;
            }

            if (calls == MaxCalls)
            {
                throw new InvalidOperationException($"The decider asked for more than {MaxCalls} calls to the server in one reconcile.");
            }

            observation = decision.Next switch
            {
                ReindexStep.Submit submit => idle with { Submission = await shell.SubmitAsync(job, submit, cancellationToken) },
                ReindexStep.Poll poll => idle with { Poll = await shell.PollAsync(job, poll, cancellationToken) },
                var step => throw new InvalidOperationException($"Unknown step {step.GetType().Name}."),
            };
        }
    }
}
