namespace FutReindexOperator.Benchmarks.Harness;

/// <summary>One FHIR target: a Kubernetes Service in a namespace, served by the simulator's service of the same name.</summary>
public sealed record BenchTarget(int Index, string Namespace, string Service);
