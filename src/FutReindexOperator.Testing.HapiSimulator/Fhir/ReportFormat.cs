namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>How the completed job's report appears in the status Bundle (protocol sections 3.5 and 10.7).</summary>
public enum ReportFormat
{
    /// <summary>The short, single-line form of FUT's 8.6.5 example.</summary>
    FutExample,

    /// <summary>HAPI's source form with <c>\n</c> line breaks and every counter.</summary>
    Source,
}
