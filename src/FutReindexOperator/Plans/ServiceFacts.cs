namespace FutReindexOperator.Plans;

/// <summary>A Service of the plan's namespace as the plan sees it: its name and labels.</summary>
public sealed record ServiceFacts(string Name, IReadOnlyDictionary<string, string> Labels);
