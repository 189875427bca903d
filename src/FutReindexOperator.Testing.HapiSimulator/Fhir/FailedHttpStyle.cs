namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>How a FAILED or ERRORED job answers a status poll (protocol section 3.3).</summary>
public enum FailedHttpStyle
{
    /// <summary>200 with a <c>batch-response</c> Bundle carrying the error OperationOutcome.</summary>
    Bundle200,

    /// <summary>The early 8.6 style: 500 with the error OperationOutcome as the body.</summary>
    OperationOutcome500,
}
