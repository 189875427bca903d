using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Validation;

namespace FutReindexOperator.Decisions;
/// <summary>
/// The ordered guards in front of the state table (<see cref="ReindexDecider"/>): a requested rerun, a refused spec
/// change, an ended run, an invalid spec, a passed deadline, a next attempt not yet due; and the end of a run whose
/// status was changed by hand.
/// </summary>
internal static class RunGuards
{
    internal static void StartRequestedRerun(DecisionContext context)
    {
        var token = context.Job.RerunToken;
        var status = context.Status;
        if (token is null || RerunTokens.Recorded(token) == status.LastHandledRerun)
        {
            return;
        }

        var recorded = RerunTokens.Recorded(token);
        var shown = RerunTokens.Shown(token);
        var hadRun = status.StartTime is not null || status.Submission is not null || status.RunGeneration is not null;
        if (!hadRun)
        {
            context.Status = status with { LastHandledRerun = recorded };
            return;
        }

        // A run that is moving is finished first; a Stalled one (awaiting confirmation, hung, refused) is abandoned at once,
        // except a refused run's retry whose POST may have reached the server: it shows Stalled, but it is a submission
        // under way, whose job id would be forgotten.
        var abandoned = !context.Phase.IsTerminal();
        var moving = context.Phase != ReindexPhase.Stalled || RunStates.StalledByRefusal(status);
        if (abandoned && RunStates.MayHaveReachedServer(status) && moving)
        {
            context.NoteInMessage($"Rerun '{shown}' starts when this run ends.");
            return;
        }

        var previous = $"{context.Phase}{(status.JobId is null ? "" : $", job {status.JobId}")}"
            + (abandoned && status.JobId is not null ? "; HAPI has no cancel operation, so that job may still run on the server" : "");
        var hashed = RerunTokens.IsRecordedAsIs(token)
            ? ""
            : $" The annotation {ReindexJob.RerunAnnotation} has {token.Length} characters, more than the {RerunTokens.MaxRecordedLength} status.lastHandledRerun holds, so its SHA-256 hash is recorded there.";
        context.StartNewRun(new ReindexJobStatus { LastHandledRerun = recorded, Conditions = status.Conditions });
        context.SetPhase(ReindexPhase.Pending, ConditionReasons.Pending, $"rerun '{shown}' requested");
        context.Event(EventSeverity.Normal, EventReasons.RerunStarted, "Rerun", $"Starting a new run for rerun '{shown}' (previous run: {previous}).{hashed}");
    }

    internal static void NoteRefusedSpecChange(DecisionContext context)
    {
        var status = context.Status;
        if (status.RunGeneration is not { } runGeneration || runGeneration == context.Generation
            || !(context.Phase.IsTerminal() || RunStates.MayHaveReachedServer(status)))
        {
            return;
        }

        var note = $"The spec changed (generation {context.Generation}) after generation {runGeneration} was submitted; the change is ignored. Set the annotation {ReindexJob.RerunAnnotation} to a new value to run the new spec.";
        context.NoteInMessage(note);
        context.Event(EventSeverity.Warning, EventReasons.SpecChangeRejected, "Reconcile", note, EventCue.NewGeneration);
    }

    internal static ReindexDecision InvalidSpec(DecisionContext context, IReadOnlyList<SpecError> errors)
    {
        var message = "invalid spec: " + string.Join("; ", errors);
        context.SetPhase(ReindexPhase.Stalled, ConditionReasons.InvalidSpec, message);
        context.Status = context.Status with { NextAttemptTime = null, Retry = null };
        context.Event(EventSeverity.Warning, EventReasons.InvalidSpec, "Validate", message, EventCue.EnteredOrReworded);
        return context.Finish(new ReindexStep.Done());
    }

    internal static bool DeadlinePassed(DecisionContext context)
    {
        if (context.Status.StartTime is not { } start || context.Now - start < context.Polling.Deadline)
        {
            return false;
        }

        var jobId = context.Status.JobId;
        var message = $"the job did not end within its deadline of {GoDuration.Format(context.Polling.Deadline)}"
            + (jobId is null ? "" : $"; HAPI has no cancel operation, so job {jobId} may still run on the server");
        context.End(ReindexPhase.Failed, ConditionReasons.DeadlineExceeded, message);
        context.Event(EventSeverity.Warning, EventReasons.Failed, "Reconcile", message);
        return true;
    }

    /// <summary>
    /// The time left before the next call to the server may be made, or null when it may be made now. A time further
    /// away than any delay the decision sets for this job (<see cref="LongestWait"/>) was not written by it (a hand-edited
    /// status, or a clock that jumped back): the call is made now rather than days later.
    /// </summary>
    internal static TimeSpan? NotYet(DecisionContext context)
    {
        if (context.Status.NextAttemptTime is not { } next || next <= context.Now || next - context.Now > LongestWait(context))
        {
            return null;
        }

        var wait = next - context.Now;
        if (context.Status.StartTime is { } start)
        {
            var untilDeadline = Delays.Later(start, context.Polling.Deadline) - context.Now;
            wait = untilDeadline < wait ? untilDeadline : wait;
        }

        return wait;
    }

    /// <summary>
    /// The longest delay a decision sets for this job: a retry or poll interval at full jitter, a recheck, or one of the
    /// run's time limits; never more than <see cref="Delays.Longest"/>.
    /// </summary>
    private static TimeSpan LongestWait(DecisionContext context)
    {
        var (policy, polling) = (context.Policy, context.Polling);
        TimeSpan Jittered(TimeSpan delay) => Delays.WithJitter(delay, polling.JitterPercent, 1);
        var longest = new[]
        {
            Jittered(policy.RetryCap), policy.RefusedRetryCap, policy.WaitingRecheck, Jittered(polling.MaxInterval),
            Jittered(polling.FirstInterval), polling.ErrorGracePeriod, polling.Deadline, polling.StallTimeout,
        }.Max();
        return longest < Delays.Longest ? longest : Delays.Longest;
    }

    /// <summary>A value of the run read back from status cannot have been written by the operator: the run ends Failed, naming it.</summary>
    internal static ReindexDecision InvalidStatus(DecisionContext context, string what)
    {
        var message = $"{what}; the status was changed by hand, so the run cannot go on. Set the annotation {ReindexJob.RerunAnnotation} to a new value to run the job again";
        context.End(ReindexPhase.Failed, ConditionReasons.InvalidStatus, message);
        context.Event(EventSeverity.Warning, EventReasons.InvalidStatus, "Reconcile", message);
        return context.Finish(new ReindexStep.Done());
    }
}
