namespace FutReindexOperator.Testing.HapiSimulator.Recording;

/// <summary>Counters for tests and benchmarks.</summary>
/// <param name="Submissions">Accepted <c>$reindex</c> submissions (jobs created) per service.</param>
/// <param name="Polls">Status polls answered per job id.</param>
/// <param name="TokensIssued">Access tokens the token endpoint issued.</param>
/// <param name="Requests">Requests received per target (service name, <c>keycloak</c>, or <c>(no route)</c>).</param>
/// <param name="Faults">Faults injected per fault kind.</param>
public sealed record SimulatorCounters(
    IReadOnlyDictionary<string, int> Submissions,
    IReadOnlyDictionary<string, int> Polls,
    int TokensIssued,
    IReadOnlyDictionary<string, int> Requests,
    IReadOnlyDictionary<string, int> Faults);
