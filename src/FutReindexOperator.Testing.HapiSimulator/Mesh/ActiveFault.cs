namespace FutReindexOperator.Testing.HapiSimulator.Mesh;

/// <summary>An installed fault rule with its id and how many more requests it may affect (null: unlimited).</summary>
public sealed record ActiveFault(string Id, FaultRule Rule, int? Remaining, int Fired);
