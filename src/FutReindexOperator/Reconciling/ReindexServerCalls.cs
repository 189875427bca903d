using FutReindexOperator.Auth;
using FutReindexOperator.Decisions;
using FutReindexOperator.Diagnostics;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime;

namespace FutReindexOperator.Reconciling;

/// <summary>
/// The calls to the FHIR server a decision asks for, with the credentials of the run, counted in the metrics and logged.
/// One per reconcile scope (its <see cref="CredentialProvider"/> is scoped).
/// </summary>
public sealed class ReindexServerCalls(CredentialProvider credentials, FhirReindexClient fhir, ReindexMetrics metrics, ILogger<ReindexServerCalls> logger)
{
    public async Task<SubmitOutcome> SubmitAsync(ReindexJob job, ReindexStep.Submit submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(submit);
        var target = metrics.TargetOf(job);
        SubmitOutcome outcome;
        using (FhirRequestMetrics.ForTarget(target))
        {
            outcome = await credentials.GetAsync(job, submit.Spec.Auth, cancellationToken) switch
            {
                CredentialResult.Token token => await fhir.SubmitAsync(submit.Target, submit.Spec, token.BearerToken, cancellationToken),
                CredentialResult.Failed failed => new SubmitOutcome.CredentialsUnavailable(failed.Failure),
                var result => throw new InvalidOperationException($"Unknown credential result {result.GetType().Name}."),
            };
        }

        metrics.Submitted(target, outcome);
        logger.Submitted(ObjectKey.Of(job).ToString(), submit.Target.ToString(), job.Status?.Submission?.Attempt ?? 0, outcome.GetType().Name);
        return outcome;
    }

    public async Task<PollOutcome> PollAsync(ReindexJob job, ReindexStep.Poll poll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(poll);
        var target = metrics.TargetOf(job);
        PollOutcome outcome;
        using (FhirRequestMetrics.ForTarget(target))
        {
            outcome = await credentials.GetAsync(job, poll.Auth, cancellationToken) switch
            {
                CredentialResult.Token token => await fhir.PollAsync(poll.Target, poll.PollPath, token.BearerToken, cancellationToken),
                CredentialResult.Failed failed => new PollOutcome.CredentialsUnavailable(failed.Failure),
                var result => throw new InvalidOperationException($"Unknown credential result {result.GetType().Name}."),
            };
        }

        metrics.Polled(target, outcome);
        logger.Polled(ObjectKey.Of(job).ToString(), poll.Target.ToString(), poll.PollPath, outcome.GetType().Name);
        return outcome;
    }

    /// <summary>Forgets the cached token of <paramref name="auth"/>'s credential, so that the next request obtains a new one.</summary>
    public void InvalidateToken(ReindexJob job, AuthSpec auth) => credentials.Invalidate(job, auth);
}
