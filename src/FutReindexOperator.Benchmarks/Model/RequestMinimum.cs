namespace FutReindexOperator.Benchmarks.Model;

/// <summary>
/// The requests one job needs at least, as the decision asks for them on its happy path.
/// </summary>
/// <param name="StatusWrites">Status patches: the submission marker, the job id, then one per poll (each poll records
/// <c>polls</c> and <c>lastPollTime</c>) — the phase changes ride on those writes.</param>
/// <param name="EventWrites">Events recorded (one create each: Submitted, Running, Succeeded, ...).</param>
/// <param name="EventReasons">The reasons of those events, in order.</param>
/// <param name="Posts">$reindex submissions.</param>
/// <param name="Polls">Status polls until the outcome is known.</param>
/// <param name="TimeToOutcome">From the job's first reconcile to its terminal status, when every call answers at once.</param>
public sealed record RequestMinimum(
    int StatusWrites,
    int EventWrites,
    IReadOnlyList<string> EventReasons,
    int Posts,
    int Polls,
    TimeSpan TimeToOutcome)
{
    /// <summary>Kubernetes API writes per job: status patches plus event creates.</summary>
    public int ApiWrites => StatusWrites + EventWrites;

    /// <summary>The minimum as API server counter names ("verb resource"): status patches and event creates.</summary>
    public IReadOnlyDictionary<string, double> ApiRequestsByKey => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [Measuring.ApiRequestKey.Of("patch", $"{FutReindexOperator.Model.ReindexJob.Plural}.{FutReindexOperator.Model.ReindexJob.ApiGroup}/status")] = StatusWrites,
        [Measuring.ApiRequestKey.Of("create", "events.events.k8s.io")] = EventWrites,
    };

    /// <summary>FHIR requests per job: the POST plus the polls.</summary>
    public int FhirRequests => Posts + Polls;
}
