using System.Text.Json.Nodes;
using FutReindexOperator.Admission;
using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.KubeApiServer.Validation;
using k8s;

namespace FutReindexOperator.Tests.Properties.Decisions;

/// <summary>The invariants one decision must keep, whatever its input; each throws with the broken promise named.</summary>
internal static class DecisionChecks
{
    /// <summary>I5: every status written passes the CRD's schema (types, enums, bounds, lengths).</summary>
    public static void StatusPassesSchema(ReindexJobStatus status)
    {
        var json = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(status))!;
        var outcome = SchemaValidator.Apply(json, DecisionGen.Schema.Status);
        if (outcome.Causes.Count > 0)
        {
            throw new InvariantViolation("I5", "the written status fails the CRD schema: " + string.Join("; ", outcome.Causes.Select(cause => $"{cause.Field}: {cause.Message}")));
        }
    }

    /// <summary>
    /// I3: a requeue is not negative and no longer than the longest wait the policy and the job's polling configure (so no
    /// arithmetic blew it up, even at the end of time).
    /// </summary>
    public static void DelayBounded(ReindexJob job, ReindexDecision decision, DateTimeOffset now, ReindexOperatorPolicy policy)
    {
        if (decision.Next is not ReindexStep.Wait { Delay: var delay })
        {
            return;
        }

        var polling = EffectivePolling.Resolve(job.Spec.Polling, policy.Polling);
        var jittered = 1 + (Math.Clamp(polling.JitterPercent, 0, 100) / 100d);
        var longest = new[]
        {
            policy.RetryCap * jittered, policy.RefusedRetryCap, policy.WaitingRecheck, Capped(polling.MaxInterval, jittered),
            Capped(polling.FirstInterval, jittered), polling.ErrorGracePeriod, polling.Deadline, polling.StallTimeout,
        }.Max();
        if (delay < TimeSpan.Zero || delay > longest)
        {
            throw new InvariantViolation("I3", $"requeue after {delay} at {now:o} (the longest configured wait is {longest})");
        }
    }

    /// <summary>
    /// I1: a written status has a phase, and a message saying why wherever the operator set the phase or a message was
    /// there (a status written by hand without one may keep its silence); an invalid spec's message names the field.
    /// </summary>
    public static void PhaseAndMessage(ReindexJobStatus? before, ReindexJobStatus status)
    {
        var operatorsWords = before?.Phase != status.Phase || !string.IsNullOrWhiteSpace(before?.Message);
        if (status.Phase is null || (operatorsWords && string.IsNullOrWhiteSpace(status.Message)))
        {
            throw new InvariantViolation("I1", $"status written without a phase or message: phase {status.Phase}, message '{status.Message}'");
        }

        if (status.Conditions.Any(condition => condition.Reason == ConditionReasons.InvalidSpec) && status.Message?.Contains("spec.", StringComparison.Ordinal) != true)
        {
            throw new InvariantViolation("I1", $"an invalid spec's message does not name the field: '{status.Message}'");
        }
    }

    /// <summary>Every change of run state a decision makes is a row of the state table (which the drawing shows).</summary>
    public static void TransitionsInTheTable(ReindexDecision decision)
    {
        foreach (var transition in decision.Transitions.Where(transition => !ReindexStateTable.Transitions.Any(row => row.Transition == transition)))
        {

            throw new InvariantViolation("Table", $"the decision went from {transition.From} to {transition.To}, which the state table does not list");
        }
    }

    /// <summary>
    /// Calls <paramref name="check"/> with each status <paramref name="decision"/> writes and the job as it was before that
    /// write (a decision that ends a run and starts the rerun waiting for it writes twice).
    /// </summary>
    public static void EachWrite(ReindexJob job, ReindexDecision decision, Action<ReindexJob, ReindexJobStatus> check)
    {
        var before = job;
        foreach (var status in DecisionGen.WrittenStatuses(decision))
        {
            check(before, status);
            before = DecisionGen.Read((JsonObject)JsonNode.Parse(KubernetesJson.Serialize(before))!);
            before.Status = status;
        }
    }

    /// <summary>
    /// I2 within one decision: a POST only after a marker; a POST again in a run whose earlier attempt may have reached the
    /// server only with DuplicatePossible recorded; no POST once a job id is known.
    /// </summary>
    public static void OnePostPerRun(ReindexJob job, ReindexDecision decision)
    {
        if (decision.Next is not ReindexStep.Submit)
        {
            return;
        }

        var marker = decision.Actions.OfType<ReindexAction.WriteSubmissionMarker>().SingleOrDefault()
            ?? throw new InvariantViolation("I2", "a POST without a submission marker written before it");
        var before = job.Status;
        var sameRun = marker.Status.LastHandledRerun == before?.LastHandledRerun && before?.RunGeneration is not null;
        if (!sameRun)
        {
            return;
        }

        if (before!.JobId is not null && marker.Status.JobId is not null)
        {
            throw new InvariantViolation("I2", $"a POST in a run that already has job {before.JobId}");
        }

        if (before.Submission is { State: SubmissionState.Sending or SubmissionState.Accepted } && marker.Status.Submission?.DuplicatePossible != true)
        {
            throw new InvariantViolation("I2", $"a second POST after attempt {before.Submission.Attempt} ({before.Submission.State}) without DuplicatePossible");
        }
    }

    /// <summary>
    /// I11 within one decision: without a new rerun, an ended run stays ended and a job id is never replaced or dropped.
    /// </summary>
    public static void NoStatusBackwards(ReindexJob job, ReindexJobStatus written)
    {
        var before = job.Status;
        if (before is null || written.LastHandledRerun != before.LastHandledRerun)
        {
            return;
        }

        if (before.Phase is { } phase && phase.IsTerminal() && written.Phase is { } now && !now.IsTerminal())
        {
            throw new InvariantViolation("I11", $"phase moved back from {phase} to {now} without a rerun");
        }

        if (before.JobId is not null && written.JobId != before.JobId)
        {
            throw new InvariantViolation("I11", $"job id {before.JobId} replaced by {written.JobId ?? "nothing"} without a rerun");
        }
    }

    /// <summary>
    /// I4: a job that cannot move (invalid spec, waiting for or refused credentials) neither holds a slot on its target
    /// nor stands in line for one. A retry of a run refused before keeps showing the refusal while its marker is out, and
    /// holds the slot then: its POST may reach the server.
    /// </summary>
    public static void StuckJobLeavesTheSlot(ReindexJob job, ReindexJobStatus written)
    {
        var stuck = written.Conditions.Where(condition => condition.Type == ReindexConditions.Ready)
            .Any(condition => condition.Reason is ConditionReasons.InvalidSpec or ConditionReasons.WaitingForCredentials or ConditionReasons.CredentialsRefused);
        if (!stuck || written.JobId is not null || written.Submission is { State: SubmissionState.Sending })
        {
            return;
        }

        var after = DecisionGen.Read((JsonObject)JsonNode.Parse(KubernetesJson.Serialize(job))!);
        after.Status = written;
        var peer = PeerJob.From(after);
        if (peer.HoldsSlot || peer.IsWaiting)
        {
            throw new InvariantViolation("I4", $"a job that cannot move ({written.Conditions.First(condition => condition.Type == ReindexConditions.Ready).Reason}) holds ({peer.HoldsSlot}) or waits for ({peer.IsWaiting}) its target's slot");
        }
    }

    /// <summary>Events are at most 1 kB (the contract of <see cref="ReindexAction.EmitEvent"/>) and say something.</summary>
    public static void EventsBounded(ReindexDecision decision)
    {
        foreach (var emit in decision.Actions.OfType<ReindexAction.EmitEvent>())
        {
            if (emit.Note.Length is 0 or > 1024)
            {
                throw new InvariantViolation("I5", $"event {emit.Reason} has a note of {emit.Note.Length} characters");
            }
        }
    }

    private static TimeSpan Capped(TimeSpan interval, double factor)
        => interval.TotalDays * factor > 36_500 ? TimeSpan.FromDays(36_500) : interval * factor;
}

/// <summary>A broken invariant (I1–I11 of the README's Guarantees), named in the message.</summary>
internal sealed class InvariantViolation(string invariant, string message) : Exception($"{invariant}: {message}");
