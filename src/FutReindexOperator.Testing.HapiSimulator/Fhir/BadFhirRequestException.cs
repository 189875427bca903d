namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>A request HAPI rejects with 400 and an error OperationOutcome carrying <see cref="Exception.Message"/>.</summary>
public sealed class BadFhirRequestException : Exception
{
    public BadFhirRequestException()
    {
    }

    public BadFhirRequestException(string message)
        : base(message)
    {
    }

    public BadFhirRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
