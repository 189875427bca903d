using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Benchmarks.Model;

/// <summary>
/// Derives <see cref="RequestMinimum"/> from the operator's own decider: it walks one job through
/// <see cref="ReindexDecider.Decide"/> as the shell would — carrying out status writes, counting events and remote
/// calls, answering the POST with a job id and the polls with <c>progressPolls</c> IN_PROGRESS answers and then
/// COMPLETED, and advancing the clock by each requeue. No retries, no conflicts, no duplicate reconciles: the minimum.
/// </summary>
public static class DecisionWalk
{
    private const int MaxDecisions = 10_000;
    private static readonly FhirBase Target = new(new Uri("http://127.0.0.1:8080/organization/fhir"));

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="progressPolls"/> is negative.</exception>
    public static RequestMinimum HappyPath(int progressPolls, PollingSpec polling, ReindexOperatorPolicy? policy = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(progressPolls);
        ArgumentNullException.ThrowIfNull(polling);
        policy ??= new ReindexOperatorPolicy();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var now = start;
        var job = NewJob(polling, start);
        var idle = new ReindexObservation { Target = new TargetObservation.Resolved(Target), JitterSample = 0 };
        var observation = idle;
        int statusWrites = 0, posts = 0, polls = 0;
        var events = new List<string>();
        for (var step = 0; step < MaxDecisions; step++)
        {
            var decision = ReindexDecider.Decide(job, observation, now, policy);
            ReindexAction? remote = null;
            foreach (var action in decision.Actions)
            {
                switch (action)
                {
                    case ReindexAction.WriteSubmissionMarker write:
                        job.Status = write.Status;
                        statusWrites++;
                        break;
                    case ReindexAction.RecordJobId write:
                        job.Status = write.Status;
                        statusWrites++;
                        break;
                    case ReindexAction.PatchStatus write:
                        job.Status = write.Status;
                        statusWrites++;
                        break;
                    case ReindexAction.EmitEvent emit:
                        events.Add(emit.Reason);
                        break;
                    case ReindexAction.SubmitReindex or ReindexAction.PollStatus:
                        remote = action;
                        break;
                }
            }

            switch (decision.Requeue)
            {
                case ReindexRequeue.DecideAgain when remote is ReindexAction.SubmitReindex:
                    posts++;
                    observation = idle with { Submission = new SubmitOutcome.Accepted("walk-1", Trackable: true, "accepted") };
                    break;
                case ReindexRequeue.DecideAgain when remote is ReindexAction.PollStatus:
                    polls++;
                    observation = idle with
                    {
                        Poll = polls <= progressPolls
                            ? new PollOutcome.Progress(ServerJobState.InProgress, "Job is in progress")
                            : new PollOutcome.Succeeded(new ReindexReport { ResourcesChanged = 32 }),
                    };
                    break;
                case ReindexRequeue.After after:
                    now += after.Delay;
                    observation = idle;
                    break;
                case ReindexRequeue.Done:
                    return new RequestMinimum(statusWrites, events.Count, events, posts, polls, now - start);
                default:
                    throw new InvalidOperationException($"The decider asked for {decision.Requeue} on the happy path.");
            }
        }

        throw new InvalidOperationException($"The happy path did not end within {MaxDecisions} decisions.");
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
