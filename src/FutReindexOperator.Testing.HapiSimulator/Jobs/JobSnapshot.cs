using FutReindexOperator.Testing.HapiSimulator.Validation;

namespace FutReindexOperator.Testing.HapiSimulator.Jobs;

/// <summary>A job as it was when read: for tests, the control API and the FHIR answers.</summary>
/// <param name="Id">The job id (a UUID unless one was queued through the controls).</param>
/// <param name="Service">The FHIR service that owns the job.</param>
/// <param name="JobDefinitionId"><c>REINDEX</c>, or another type for jobs seeded to provoke HAPI-1769.</param>
/// <param name="State">The current state.</param>
/// <param name="Request">The validated request; null for seeded jobs of other types.</param>
/// <param name="CreatedAt">When the job was submitted.</param>
/// <param name="StartedAt">When it first left QUEUED.</param>
/// <param name="EndedAt">When it reached an ended state.</param>
/// <param name="ErrorMessage">HAPI's error message while ERRORED or FAILED.</param>
/// <param name="CancelRequested">Whether a cancel was requested (effective at the next maintenance pass).</param>
/// <param name="PollCount">Status polls answered for the job.</param>
/// <param name="PhaseIndex">The index of the script phase the job is in.</param>
/// <param name="CurrentStep">HAPI's gated step id (shown by generation B).</param>
/// <param name="ResourcesChanged">Resources changed per resource type, as the report lists them.</param>
/// <param name="HasReport">Whether a completed job carries a report.</param>
public sealed record JobSnapshot(
    string Id,
    string Service,
    string JobDefinitionId,
    ReindexJobState State,
    ReindexRequest? Request,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? ErrorMessage,
    bool CancelRequested,
    int PollCount,
    int PhaseIndex,
    string CurrentStep,
    IReadOnlyDictionary<string, int> ResourcesChanged,
    bool HasReport);
