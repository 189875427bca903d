namespace FutReindexOperator.Sandbox.Simulation;

/// <summary>The FUT FHIR services the sandbox simulates; each gets a Kubernetes Service in the samples' namespace.</summary>
public static class SimulatedServices
{
    /// <summary>
    /// Every FUT service that offers <c>$reindex</c> (hapi-reindex-protocol.md §8: the CapabilityStatements of careplan,
    /// device, document-query, document-transformation, library, measurement, organization, plan, questionnaire,
    /// reporting, task and terminology list it), each a HAPI server of its own in the simulator.
    /// </summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "careplan", "device", "document-query", "document-transformation", "library", "measurement",
        "organization", "plan", "questionnaire", "reporting", "task", "terminology",
    ];

    /// <summary>The services the job samples target, in the order generated jobs are spread over them (each has a sample's auth).</summary>
    public static IReadOnlyList<string> WithSampleJobs { get; } = ["organization", "careplan", "task", "terminology"];

    /// <summary>The test server that answers without a token (the <c>everything-no-auth</c> sample's target).</summary>
    public const string WithoutAuth = "terminology";
}
