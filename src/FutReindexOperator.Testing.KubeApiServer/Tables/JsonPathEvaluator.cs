using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FutReindexOperator.Testing.KubeApiServer.Tables;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>.a[0]</c>, <c>.a[*].b</c> and filters like
/// <c>.status.conditions[?(@.type=="Ready")].status</c>, optionally wrapped in <c>{}</c>.
/// </summary>
public static partial class JsonPathEvaluator
{
    public static IReadOnlyList<JsonNode> Evaluate(JsonNode? root, string path)
    {
        var expression = path.Trim();
        if (expression.StartsWith('{') && expression.EndsWith('}'))
        {
            expression = expression[1..^1];
        }

        expression = expression.TrimStart('$');
        IEnumerable<JsonNode?> current = [root];
        foreach (Match step in Step().Matches(expression))
        {
            if (step.Groups["name"].Success)
            {
                var name = step.Groups["name"].Value;
                current = current.Select(n => n is JsonObject o ? o[name] : null);
            }
            else if (step.Groups["index"].Success)
            {
                var index = step.Groups["index"].Value;
                current = current.SelectMany(n => Index(n, index));
            }
            else
            {
                var field = step.Groups["field"].Value;
                var expected = step.Groups["value"].Value;
                current = current.SelectMany(n => n is JsonArray a ? a : []).Where(item =>
                    item is JsonObject o && Text(o[field]) == expected);
            }
        }

        return current.OfType<JsonNode>().ToList();
    }

    /// <summary>The first result as kubectl shows it: strings raw, everything else as JSON.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static List<JsonNode?> Index(JsonNode? node, string index)
    {
        if (node is not JsonArray array)
        {
            return [];
        }

        if (index == "*")
        {
            return [.. array];
        }

        var i = int.Parse(index, CultureInfo.InvariantCulture);
        if (i < 0)
        {
            i += array.Count;
        }

        return i >= 0 && i < array.Count ? [array[i]] : [];
    }

    [GeneratedRegex("""\.(?<name>[^.\[\]]+)|\[(?<index>\*|-?\d+)\]|\[\?\(@\.(?<field>[^=!<>]+)\s*==\s*["']?(?<value>[^"'\)]*)["']?\)\]""")]
    private static partial Regex Step();
}
