using FutReindexOperator.Testing.HapiSimulator.Validation;

namespace FutReindexOperator.Testing.HapiSimulator.Jobs;

/// <summary>A job's mutable record; only <see cref="ReindexJobStore"/> touches it, under its lock.</summary>
internal sealed class ReindexJob(string id, string service, string jobDefinitionId, ReindexRequest? request, JobScript script, DateTimeOffset createdAt)
{
    public const string ReindexDefinitionId = "REINDEX";

    private static readonly string[] InProgressSteps = ["generate-ranges", "load-ids", "modify-resources"];

    public string Id { get; } = id;

    public string Service { get; } = service;

    public string JobDefinitionId { get; } = jobDefinitionId;

    public ReindexRequest? Request { get; } = request;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public JobScript Script { get; private set; } = script;

    public int PhaseIndex { get; private set; }

    public DateTimeOffset PhaseEnteredAt { get; private set; } = createdAt;

    public int PollsInPhase { get; private set; }

    public int PollCount { get; private set; }

    public ReindexJobState State { get; private set; } = script.Phases[0].State;

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public string? ErrorMessage { get; private set; } = script.Phases[0].ErrorMessage;

    public bool CancelRequested { get; private set; }

    public string CurrentStep { get; private set; } = InProgressSteps[0];

    /// <summary>The resource types the report lists.</summary>
    public IReadOnlyList<string> ReportedTypes { get; init; } = [];

    private JobPhase Phase => Script.Phases[PhaseIndex];

    public void Begin(DateTimeOffset now) => Enter(0, now);

    public void RequestCancel() => CancelRequested = true;

    public void Replace(JobScript script, DateTimeOffset now)
    {
        Script = script;
        Enter(0, now);
    }

    /// <summary>Counts a poll; returns whether the poll ended a poll-bounded phase.</summary>
    public bool CountPoll(DateTimeOffset now)
    {
        PollCount++;
        PollsInPhase++;
        if (Phase.Polls is { } polls && PollsInPhase >= polls && !State.IsEnded())
        {
            Advance(now);
            return true;
        }

        return false;
    }

    /// <summary>One maintenance pass: at most one state change. Returns whether anything changed.</summary>
    public bool Maintain(DateTimeOffset now)
    {
        if (State.IsEnded())
        {
            return false;
        }

        if (CancelRequested)
        {
            State = ReindexJobState.Cancelled;
            EndedAt = now;
            return true;
        }

        if (Phase.Duration is { } duration && now - PhaseEnteredAt >= duration)
        {
            Advance(now);
            return true;
        }

        if (State == ReindexJobState.InProgress)
        {
            var next = Math.Min(Array.IndexOf(InProgressSteps, CurrentStep) + 1, InProgressSteps.Length - 1);
            CurrentStep = InProgressSteps[Math.Max(next, 0)];
        }

        return false;
    }

    public JobSnapshot ToSnapshot() => new(
        Id, Service, JobDefinitionId, State, Request, CreatedAt, StartedAt, EndedAt, ErrorMessage, CancelRequested,
        PollCount, PhaseIndex, CurrentStep, ReportedTypes.ToDictionary(type => type, _ => Script.ResourcesChangedPerType, StringComparer.Ordinal),
        Script.HasReport);

    private void Advance(DateTimeOffset now)
    {
        if (PhaseIndex + 1 < Script.Phases.Count)
        {
            Enter(PhaseIndex + 1, now);
        }
    }

    private void Enter(int phaseIndex, DateTimeOffset now)
    {
        PhaseIndex = phaseIndex;
        PhaseEnteredAt = now;
        PollsInPhase = 0;
        State = Phase.State;
        ErrorMessage = Phase.ErrorMessage ?? (State is ReindexJobState.Errored or ReindexJobState.Failed ? JobScript.DefaultFailureMessage : null);
        if (State != ReindexJobState.Queued)
        {
            StartedAt ??= now;
        }

        CurrentStep = State switch
        {
            ReindexJobState.Queued or ReindexJobState.InProgress => InProgressSteps[0],
            ReindexJobState.Finalize => "generate-report",
            _ => CurrentStep,
        };
        EndedAt = State.IsEnded() ? now : null;
    }
}
