using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Cel;

/// <summary>
/// The <c>x-kubernetes-validations</c> rules of one CRD version's <c>openAPIV3Schema</c>, compiled and evaluated exactly
/// as the server does on a write, for checks that run outside a request (property tests over many generated objects).
/// </summary>
public sealed class CompiledRules
{
    private readonly SchemaRules? _rules;

    private CompiledRules(SchemaRules? rules) => _rules = rules;

    /// <summary>Compiles every rule of <paramref name="openApiV3Schema"/>.</summary>
    /// <exception cref="InvalidOperationException">A rule does not compile; the message holds the server's causes.</exception>
    public static CompiledRules Compile(JsonObject openApiV3Schema)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        var causes = new List<StatusCause>();
        var rules = RuleCompiler.Compile(openApiV3Schema, "openAPIV3Schema", causes);
        return causes.Count == 0
            ? new CompiledRules(rules)
            : throw new InvalidOperationException(string.Join("; ", causes.Select(cause => $"{cause.Field}: {cause.Message}")));
    }

    /// <summary>
    /// The causes the server would refuse <paramref name="value"/> with (empty when every rule passes): a create when
    /// <paramref name="old"/> is null, else an update of <paramref name="old"/>. Both are taken as stored (pruned, defaulted).
    /// </summary>
    public IReadOnlyList<StatusCause> Validate(JsonObject value, JsonObject? old)
    {
        ArgumentNullException.ThrowIfNull(value);
        var causes = new List<StatusCause>();
        if (_rules is not null)
        {
            // As the server holds them: parsed from JSON text (values built in memory, such as an int, convert otherwise).
            RuleEvaluator.Validate(_rules, Parsed(value), old is null ? null : Parsed(old), causes);
        }

        return causes;
    }

    private static JsonObject Parsed(JsonObject value) => (JsonObject)JsonNode.Parse(value.ToJsonString())!;
}
