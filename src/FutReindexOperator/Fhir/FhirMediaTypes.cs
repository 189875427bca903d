namespace FutReindexOperator.Fhir;

public static class FhirMediaTypes
{
    /// <summary>The FHIR JSON media type, sent as Accept and Content-Type.</summary>
    public const string FhirJson = "application/fhir+json";
}
