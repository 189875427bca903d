namespace FutReindexOperator.Sandbox.Faults;

/// <summary>The next <paramref name="Count"/> API requests matching verb and path glob fail with <paramref name="Status"/>.</summary>
public sealed record ApiServerFault(string Verb, string PathGlob, int Status, int Count, int RetryAfterSeconds = 1);
