namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>A job as the HAPI simulator knows it: its id, service and state (<c>Completed</c>, <c>Failed</c>, ...).</summary>
public sealed record ServerJob(string Id, string Service, string State);
