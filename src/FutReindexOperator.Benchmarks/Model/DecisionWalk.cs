using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Benchmarks.Model;

/// <summary>
/// Derives <see cref="RequestMinimum"/> from the operator's own decider: it walks one job through
/// <see cref="ReindexRun"/> as the reconciler does — carrying out status writes, counting events and calls, answering
/// the POST with a job id and the polls with <c>progressPolls</c> IN_PROGRESS answers and then COMPLETED, and advancing
/// the clock by each wait. No retries, no conflicts, no duplicate reconciles: the minimum.
/// </summary>
public static class DecisionWalk
{
    private const int MaxReconciles = 10_000;
    private static readonly FhirBase Target = new(new Uri("http://127.0.0.1:8080/organization/fhir"));

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="progressPolls"/> is negative.</exception>
    public static RequestMinimum HappyPath(int progressPolls, PollingSpec polling, ReindexOperatorPolicy? policy = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(progressPolls);
        ArgumentNullException.ThrowIfNull(polling);
        policy ??= new ReindexOperatorPolicy();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var shell = new CountingShell(progressPolls, start);
        var job = NewJob(polling, start);
        var idle = new ReindexObservation { Target = new TargetObservation.Resolved(Target), JitterSample = 0 };
        for (var reconcile = 0; reconcile < MaxReconciles; reconcile++)
        {
            switch (ReindexRun.ReconcileAsync(job, idle, policy, shell, CancellationToken.None).GetAwaiter().GetResult())
            {
                case ReindexStep.Wait wait:
                    shell.Now += wait.Delay;
                    break;
                case ReindexStep.Done:
                    return new RequestMinimum(shell.StatusWrites, shell.Events.Count, shell.Events, shell.Posts, shell.Polls, shell.Now - start);
                case var step:
                    throw new InvalidOperationException($"A reconcile ended with {step} on the happy path.");
            }
        }

        throw new InvalidOperationException($"The happy path did not end within {MaxReconciles} reconciles.");
    }

    /// <summary>Writes statuses into the job and counts what the API server and the FHIR server would see.</summary>
    private sealed class CountingShell(int progressPolls, DateTimeOffset start) : IReindexRunShell
    {
        public DateTimeOffset Now { get; set; } = start;

        public int StatusWrites { get; private set; }

        public int Posts { get; private set; }

        public int Polls { get; private set; }

        public List<string> Events { get; } = [];

        public Task<ReindexJob?> CarryOutAsync(ReindexJob job, ReindexDecision decision, CancellationToken cancellationToken)
        {
            foreach (var action in decision.Actions)
            {
                switch (action)
                {
                    case ReindexAction.WriteSubmissionMarker write:
                        job.Status = write.Status;
                        StatusWrites++;
                        break;
                    case ReindexAction.RecordJobId write:
                        job.Status = write.Status;
                        StatusWrites++;
                        break;
                    case ReindexAction.PatchStatus write:
                        job.Status = write.Status;
                        StatusWrites++;
                        break;
                    case ReindexAction.EmitEvent emit:
                        Events.Add(emit.Reason);
                        break;
                }
            }

            return Task.FromResult<ReindexJob?>(job);
        }

        public Task<SubmitOutcome> SubmitAsync(ReindexJob job, ReindexStep.Submit submit, CancellationToken cancellationToken)
        {
            Posts++;
            return Task.FromResult<SubmitOutcome>(new SubmitOutcome.Accepted("walk-1", Trackable: true, "accepted"));
        }

        public Task<PollOutcome> PollAsync(ReindexJob job, ReindexStep.Poll poll, CancellationToken cancellationToken)
        {
            Polls++;
            return Task.FromResult<PollOutcome>(Polls <= progressPolls
                ? new PollOutcome.Progress(ServerJobState.InProgress, "Job is in progress")
                : new PollOutcome.Succeeded(new ReindexReport { ResourcesChanged = 32 }));
        }
    }

    private static ReindexJob NewJob(PollingSpec polling, DateTimeOffset created) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "walk",
            NamespaceProperty = "bench",
            Uid = "00000000-0000-0000-0000-000000000001",
            Generation = 1,
            CreationTimestamp = created.UtcDateTime,
        },
        Spec = new ReindexJobSpec
        {
            Target = new TargetSpec { Service = "organization", BasePath = "/organization/fhir" },
            Urls = ["Patient?"],
            Auth = new AuthSpec { BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = "fhir-token", Key = "token" } } },
            Polling = polling,
        },
    };
}
