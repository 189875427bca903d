namespace FutReindexOperator.Testing.KubeApiServer.Cel;

/// <summary>
/// The compiled CEL rules of one schema node and of the nodes below it that have rules; null children have none.
/// </summary>
internal sealed class SchemaRules
{
    /// <summary>The node's <c>type</c>, shown as the invalid value (<c>"object"</c>) in failures.</summary>
    public required string Type { get; init; }

    /// <summary>The node's schema, which types the values its rules read (<see cref="CelValues"/>).</summary>
    public required System.Text.Json.Nodes.JsonObject Schema { get; init; }

    public IReadOnlyList<ValidationRule> Rules { get; init; } = [];

    public IReadOnlyDictionary<string, SchemaRules> Properties { get; init; } = new Dictionary<string, SchemaRules>();

    /// <summary>The rules of map values (<c>additionalProperties</c>).</summary>
    public SchemaRules? AdditionalProperties { get; init; }

    /// <summary>The rules of array items.</summary>
    public SchemaRules? Items { get; init; }

    /// <summary>Whether this node or any below it has a rule.</summary>
    public bool IsEmpty => Rules.Count == 0 && Properties.Count == 0 && AdditionalProperties is null && Items is null;
}
