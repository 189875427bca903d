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
        var (target, outcome) = await CallAsync<SubmitOutcome>(
            job,
            submit.Spec.Auth,
            token => fhir.SubmitAsync(submit.Target, submit.Spec, token, cancellationToken),
            failure => new SubmitOutcome.CredentialsUnavailable(failure),
            cancellationToken);
        metrics.Submitted(target, outcome);
        logger.Submitted(ObjectKey.Of(job).ToString(), submit.Target.ToString(), job.Status?.Submission?.Attempt ?? 0, outcome.GetType().Name);
        return outcome;
    }

    public async Task<PollOutcome> PollAsync(ReindexJob job, ReindexStep.Poll poll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(poll);
        var (target, outcome) = await CallAsync<PollOutcome>(
            job,
            poll.Auth,
            token => fhir.PollAsync(poll.Target, poll.PollPath, token, cancellationToken),
            failure => new PollOutcome.CredentialsUnavailable(failure),
            cancellationToken);
        metrics.Polled(target, outcome);
        logger.Polled(ObjectKey.Of(job).ToString(), poll.Target.ToString(), poll.PollPath, outcome.GetType().Name);
        return outcome;
    }

    /// <summary>
    /// Gets the run's token and sends with it, with the request metrics labelled by the job's target; a credential that
    /// cannot be had becomes <paramref name="credentialsUnavailable"/>'s outcome, and nothing is sent.
    /// </summary>
    private async Task<(string Target, TOutcome Outcome)> CallAsync<TOutcome>(
        ReindexJob job,
        AuthSpec auth,
        Func<string?, Task<TOutcome>> send,
        Func<CredentialFailure, TOutcome> credentialsUnavailable,
        CancellationToken cancellationToken)
    {
        var target = metrics.TargetOf(job);
        using (FhirRequestMetrics.ForTarget(target))
        {
            var outcome = await credentials.GetAsync(job, auth, cancellationToken) switch
            {
                CredentialResult.Token token => await send(token.BearerToken),
                CredentialResult.Failed failed => credentialsUnavailable(failed.Failure),
                var result => throw new InvalidOperationException($"Unknown credential result {result.GetType().Name}."),
            };
            return (target, outcome);
        }
    }

    /// <summary>Forgets the cached token of <paramref name="auth"/>'s credential, so that the next request obtains a new one.</summary>
    public void InvalidateToken(ReindexJob job, AuthSpec auth) => credentials.Invalidate(job, auth);
}
