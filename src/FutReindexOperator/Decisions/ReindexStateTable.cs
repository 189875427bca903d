using FutReindexOperator.Fhir;

namespace FutReindexOperator.Decisions;

/// <summary>
/// The reconcile as a state machine: which transition the decision takes from the run's state (<see cref="RunStates"/>)
/// and what it observed, once the guards in front (<see cref="ReindexDecider"/>) let it through. Each transition sets
/// the status, records its events with the change each announces (<see cref="EventCue"/>; emitted only by the decision
/// that makes it) and names the next step. <see cref="Transitions"/> lists every change of state a
/// decision can make; docs/design/reconcile.md draws them, and a test keeps the two the same.
/// </summary>
public static class ReindexStateTable
{
    /// <summary>Every change of run state a decision makes, with what causes it, as the drawing labels it.</summary>
    public static IReadOnlyList<(RunTransition Transition, string On)> Transitions { get; } =
    [
        (new(RunState.NotStarted, RunState.Submitting), "admitted (marker, POST)"),
        (new(RunState.NotStarted, RunState.Waiting), "its turn, target or credentials awaited"),
        (new(RunState.NotStarted, RunState.Invalid), "invalid spec"),
        (new(RunState.NotStarted, RunState.Stalled), "target, token or permission refused"),
        (new(RunState.NotStarted, RunState.Ended), "deadline passed, status edited by hand"),
        (new(RunState.Waiting, RunState.Submitting), "admitted (marker, POST)"),
        (new(RunState.Waiting, RunState.Waiting), "still waiting, or retrying"),
        (new(RunState.Waiting, RunState.Invalid), "invalid spec"),
        (new(RunState.Waiting, RunState.Stalled), "target, token or permission refused"),
        (new(RunState.Waiting, RunState.Ended), "deadline passed, status edited by hand"),
        (new(RunState.Submitting, RunState.Tracking), "accepted with a job id"),
        (new(RunState.Submitting, RunState.Waiting), "not sent, token renewed, credentials missing"),
        (new(RunState.Submitting, RunState.Uncertain), "maybe sent"),
        (new(RunState.Submitting, RunState.Stalled), "token, permission or credentials refused, or a refused run's retry not accepted"),
        (new(RunState.Submitting, RunState.Ended), "rejected, untrackable, deadline passed"),
        (new(RunState.Submitting, RunState.Submitting), "no pinned target and its Service not found: retrying"),
        (new(RunState.Uncertain, RunState.Submitting), "Resubmit (marker, POST again)"),
        (new(RunState.Uncertain, RunState.Uncertain), "RequireConfirmation, or waiting to resubmit"),
        (new(RunState.Uncertain, RunState.Ended), "deadline passed, status edited by hand"),
        (new(RunState.Tracking, RunState.Tracking), "polled (progress, error unconfirmed, retrying)"),
        (new(RunState.Tracking, RunState.Ended), "succeeded, failed, cancelled, lost, untrackable, deadline passed"),
        (new(RunState.Invalid, RunState.Invalid), "spec still invalid"),
        (new(RunState.Invalid, RunState.Submitting), "spec fixed, admitted (marker, POST)"),
        (new(RunState.Invalid, RunState.Waiting), "spec fixed, its turn, target or credentials awaited"),
        (new(RunState.Invalid, RunState.Stalled), "spec fixed, target or credentials refused"),
        (new(RunState.Invalid, RunState.Ended), "deadline passed"),
        (new(RunState.Stalled, RunState.Stalled), "still refused"),
        (new(RunState.Stalled, RunState.Submitting), "retry admitted (marker, POST; the phase stays Stalled)"),
        (new(RunState.Stalled, RunState.Waiting), "retrying, its turn or target awaited"),
        (new(RunState.Stalled, RunState.Invalid), "invalid spec"),
        (new(RunState.Stalled, RunState.Ended), "deadline passed, status edited by hand"),
        (new(RunState.Ended, RunState.Ended), "ended"),
        (new(RunState.Ended, RunState.NotStarted), "rerun"),
        (new(RunState.Waiting, RunState.NotStarted), "rerun"),
        (new(RunState.Invalid, RunState.NotStarted), "rerun"),
        (new(RunState.Stalled, RunState.NotStarted), "rerun"),
        (new(RunState.Tracking, RunState.NotStarted), "rerun, run stalled"),
        (new(RunState.Uncertain, RunState.NotStarted), "rerun, awaiting confirmation"),
        (new(RunState.Submitting, RunState.NotStarted), "rerun, run stalled"),
        (new(RunState.NotStarted, RunState.NotStarted), "rerun of a status without a phase"),
    ];

    /// <summary>
    /// The transition out of the run's state now (after the guards: a rerun may have started a new run) towards
    /// <paramref name="target"/>, the run's FHIR base.
    /// </summary>
    internal static ReindexDecision Decide(DecisionContext context, FhirBase target) => RunStates.Of(context.Status, context.Observation) switch
    {
        RunState.Tracking => TrackTransitions.Track(context, target, context.Status.JobId!),
        RunState.Submitting => SubmitTransitions.AfterSubmission(context, context.Observation.Submission!),
        RunState.Uncertain => SubmitTransitions.UncertainSubmission(context, target, cause: null),

        // NotStarted, Waiting, Invalid (a spec fixed since) and Stalled (refused before submission) try to submit.
        _ => SubmitTransitions.Submit(context, target),
    };
}
