namespace FutReindexOperator.Fhir;

/// <summary>
/// What came back for one HTTP request, reduced to what classification needs. Classification works on this value
/// alone, so that it is a pure function of the exact payloads.
/// </summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ContentType">The media type without parameters, lower case; null when absent.</param>
/// <param name="ContentLocation">The Content-Location header as sent; null when absent.</param>
/// <param name="Body">The body as text (bounded by the client).</param>
public sealed record FhirAnswer(int StatusCode, string? ContentType, string? ContentLocation, string Body);
