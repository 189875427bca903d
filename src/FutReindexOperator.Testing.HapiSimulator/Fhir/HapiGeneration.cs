namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>The generation of HAPI's reindex provider that the simulator speaks (protocol section 0).</summary>
public enum HapiGeneration
{
    /// <summary>HAPI 8.6.2 and later, as FUT's 8.6.5: 202 OperationOutcome and <c>$hapi.fhir.reindex-status</c>.</summary>
    A,

    /// <summary>Later dev builds: as <see cref="A"/> plus <c>Current step</c> wording and the Prefer warning.</summary>
    B,

    /// <summary>HAPI 8.6.1 and earlier: 200 <c>Parameters{jobId}</c> and no status operation.</summary>
    Legacy,
}
