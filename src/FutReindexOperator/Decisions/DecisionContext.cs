using FutReindexOperator.Admission;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;

namespace FutReindexOperator.Decisions;

/// <summary>The working state of one decision: the status being built, the reason for the conditions, and the events.</summary>
internal sealed class DecisionContext
{
    private readonly List<(ReindexAction.EmitEvent Event, EventCue Cue)> _events = [];
    private readonly List<string> _messageNotes = [];
    private readonly List<RunTransition> _transitions = [];

    public DecisionContext(ReindexJob job, ReindexObservation observation, DateTimeOffset now, ReindexOperatorPolicy policy)
    {
        Job = job;
        Observation = observation;
        Now = now;
        Policy = policy;
        Polling = EffectivePolling.Resolve(job.Spec.Polling, policy.Polling);
        Original = job.Status ?? new ReindexJobStatus();
        Status = Original;
        Generation = job.Metadata.Generation ?? 0;
        Reason = Original.Conditions.FirstOrDefault(condition => condition.Type == ReindexConditions.Ready)?.Reason ?? ConditionReasons.Pending;
        OriginalReason = Original.Phase is null ? "" : Reason;
        From = RunStates.Of(job.Status, observation);
    }

    /// <summary>The state of the run as the decision found it, or NotStarted once it started a new run.</summary>
    public RunState From { get; private set; }

    public ReindexJob Job { get; }

    public ReindexJobSpec Spec => Job.Spec;

    public ReindexObservation Observation { get; }

    public DateTimeOffset Now { get; }

    public ReindexOperatorPolicy Policy { get; }

    /// <summary>The job's polling values, with the operator's defaults where its spec leaves them out.</summary>
    public EffectivePolling Polling { get; }

    public ReindexJobStatus Original { get; }

    public long Generation { get; }

    public ReindexJobStatus Status { get; set; }

    public ReindexPhase Phase => Status.Phase ?? ReindexPhase.Pending;

    /// <summary>The reason the conditions will carry.</summary>
    public string Reason { get; private set; }

    public string OriginalReason { get; }

    /// <summary>True when the phase or the reason differs from the one the job had before this decision.</summary>
    private bool IsTransition => Original.Phase != Status.Phase || OriginalReason != Reason;

    public string JobKey => PeerJob.KeyOf(Job);

    /// <summary>The auth of the current run: pinned in status when it was submitted, else the spec's.</summary>
    public AuthSpec RunAuth => Status.Auth ?? Spec.Auth;

    /// <summary>Ends the run found (a rerun) and goes on with a new one, whose status is <paramref name="status"/>.</summary>
    public void StartNewRun(ReindexJobStatus status)
    {
        _transitions.Add(new RunTransition(From, RunState.NotStarted));
        From = RunState.NotStarted;
        Status = status;
    }

    public void SetPhase(ReindexPhase phase, string reason, string message)
    {
        Status = Status with { Phase = phase, Message = ServerText.Sanitize(message, ReindexJobStatus.MaxMessageLength) };
        Reason = reason;
    }

    /// <summary>
    /// Records an event that announces <paramref name="cue"/>; <see cref="Finish"/> emits it if this decision made that
    /// change. Its note always says something: a cause passed on from elsewhere (a token endpoint's error text, say) may be
    /// empty, and an event with no note tells the reader nothing.
    /// </summary>
    public void Event(EventSeverity type, string reason, string action, string note, EventCue cue = EventCue.Transition)
    {
        var text = ServerText.Sanitize(note);
        _events.Add((new ReindexAction.EmitEvent(type, reason, action, text.Length > 0 ? text : $"{reason}: no detail was given"), cue));
    }

    /// <summary>Adds a sentence to the status message when the decision is finished (for example a refused spec change).</summary>
    public void NoteInMessage(string note) => _messageNotes.Add(note);

    /// <summary>
    /// Ends the run: the phase is terminal, completionTime is set, nothing more will be called. The server's progress
    /// text of the running job is cleared: the message now says how it ended.
    /// </summary>
    public void End(ReindexPhase phase, string reason, string message)
    {
        SetPhase(phase, reason, message);
        Status = Status with { CompletionTime = Now, NextAttemptTime = null, Retry = null, ServerError = null, ServerProgress = null, ServerProgressSince = null };
    }

    /// <summary>Completes the decision: observedGeneration and conditions, the status write (if anything changed), events, then the next step.</summary>
    public ReindexDecision Finish(ReindexStep next, StatusWrite write = StatusWrite.Patch, bool invalidateToken = false)
    {
        // Decided on the status the transition built, before notes are added to its message.
        var events = _events.Where(recorded => Made(recorded.Cue)).Select(recorded => recorded.Event).ToList();
        if (_messageNotes.Count > 0)
        {
            var current = Status.Message ?? "";
            var message = _messageNotes.Where(note => !current.Contains(note, StringComparison.Ordinal)).Aggregate(current, AppendSentence);
            Status = Status with { Message = ServerText.Sanitize(message, ReindexJobStatus.MaxMessageLength) };
        }

        Status = Status with
        {
            ObservedGeneration = Generation,
            Conditions = ReindexConditionSet.For(Phase, Reason, Status.Message ?? "", Generation, Now, Original.Conditions),
        };

        var actions = new List<ReindexAction>();
        switch (write)
        {
            case StatusWrite.SubmissionMarker:
                actions.Add(new ReindexAction.WriteSubmissionMarker(Status));
                break;
            case StatusWrite.JobId:
                actions.Add(new ReindexAction.RecordJobId(Status));
                break;
            case StatusWrite.Patch when StatusPatch.Between(Original, Status).Count > 0:
                actions.Add(new ReindexAction.PatchStatus(Status));
                break;
        }

        actions.AddRange(events);
        if (invalidateToken)
        {
            actions.Add(new ReindexAction.InvalidateToken(RunAuth));
        }

        return new ReindexDecision(actions, next) { Transitions = [.. _transitions, new RunTransition(From, RunStates.Written(Status, postFollows: next is ReindexStep.Submit))] };
    }

    /// <summary>Whether this decision made the change <paramref name="cue"/> names, judged against the status read.</summary>
    private bool Made(EventCue cue) => cue switch
    {
        EventCue.Transition => true,
        EventCue.Entered => IsTransition,
        EventCue.EnteredOrReworded => IsTransition || Original.Message != Status.Message,
        EventCue.RetryStarted => Status.Retry is { Count: 1 },
        EventCue.ServerErrorStarted => Status.ServerError is { Polls: 1 },
        EventCue.NewGeneration => Original.ObservedGeneration != Generation,
        _ => throw new ArgumentOutOfRangeException(nameof(cue), cue, "Unknown event cue."),
    };

    /// <summary>
    /// <paramref name="note"/> after <paramref name="message"/> as a sentence of its own: the message ends with a full
    /// stop first unless it ends a sentence already ("…32 resources changed. Rerun 'x' starts when this run ends.").
    /// </summary>
    internal static string AppendSentence(string message, string note) =>
        message.Length == 0 ? note
        : note.Length == 0 ? message
        : message.TrimEnd().EndsWith('.') || message.TrimEnd().EndsWith('!') || message.TrimEnd().EndsWith('?') ? $"{message.TrimEnd()} {note}"
        : $"{message.TrimEnd()}. {note}";
}
