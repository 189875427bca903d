namespace FutReindexOperator.Testing.HapiSimulator.Recording;

/// <summary>A request as the mesh saw it, with secrets masked, and how it was answered.</summary>
/// <param name="Sequence">1 for the first request, then counting up.</param>
/// <param name="ReceivedAt">When it arrived, on the simulator's clock.</param>
/// <param name="Target">The FHIR service, <c>keycloak</c>, or null when no route matched.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string.</param>
/// <param name="Headers">The request headers; the Authorization value is masked as <c>Bearer ***</c>.</param>
/// <param name="Body">The body as text; password, client secret and refresh token form fields are masked.</param>
/// <param name="Status">The answer's status code; 0 when the connection was reset.</param>
/// <param name="Fault">The injected fault, if any.</param>
public sealed record RecordedRequest(
    long Sequence,
    DateTimeOffset ReceivedAt,
    string? Target,
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int Status,
    string? Fault);
