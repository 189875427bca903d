using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Validation;

/// <summary>What applying a schema found: validation failures and the unknown fields it pruned.</summary>
public sealed class SchemaOutcome
{
    public List<StatusCause> Causes { get; } = [];

    public List<string> PrunedFields { get; } = [];
}
