namespace FutReindexOperator.Sandbox.Simulation;

/// <summary>The FUT-like FHIR services the sandbox simulates; each gets a Kubernetes Service in the samples' namespace.</summary>
public static class SimulatedServices
{
    /// <summary>Every simulated service, in the order generated jobs are spread over them.</summary>
    public static IReadOnlyList<string> All { get; } = ["organization", "careplan", "task", "terminology"];

    /// <summary>The test server that answers without a token (the <c>everything-no-auth</c> sample's target).</summary>
    public const string WithoutAuth = "terminology";
}
