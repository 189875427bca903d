using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Cel;
using Cel.Internal;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Cel;

/// <summary>
/// Compiles the <c>x-kubernetes-validations</c> rules of a CRD version's schema, refusing what kube-apiserver's
/// CEL compiler refuses as far as the <c>Cel</c> engine lets us see it: syntax errors, references to anything
/// but <c>self</c>, <c>oldSelf</c> and macro variables, unknown functions, and fields the schema does not have.
/// </summary>
/// <remarks>
/// The <c>Cel</c> package (0.3.3) only parses when it compiles; everything it would find at run time is
/// checked here on its parse tree. It lacks the Kubernetes CEL libraries; the string functions of those that
/// are cheap to add are registered (<see cref="KubernetesFunctions"/>), any other Kubernetes function is refused
/// with a message that says so, so a rule is never silently skipped.
/// </remarks>
internal static partial class RuleCompiler
{
    private static readonly Lock Gate = new();

    private static readonly HashSet<string> Macros = new(["has", "all", "exists", "exists_one", "map", "filter"], StringComparer.Ordinal);

    private static readonly HashSet<string> StandardFunctions = new(
        [
            "size", "int", "uint", "double", "string", "bytes", "bool", "type", "dyn", "duration", "timestamp", "matches",
            "contains", "startsWith", "endsWith", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear", "getFullYear",
            "getHours", "getMilliseconds", "getMinutes", "getMonth", "getSeconds",
        ],
        StringComparer.Ordinal);

    /// <summary>The Kubernetes CEL library functions the engine lacks and this server does not add.</summary>
    private static readonly HashSet<string> MissingKubernetesFunctions = new(
        [
            "isSorted", "sum", "min", "max", "indexOf", "lastIndexOf", "find", "findAll", "url", "isURL", "getScheme",
            "getHost", "getHostname", "getPort", "getEscapedPath", "getQuery", "ip", "isIP", "cidr", "isCIDR", "quantity",
            "isQuantity", "format", "semver", "isSemver", "charAt", "reverse", "optional", "orValue", "hasValue", "value",
            "sets", "base64", "strings", "quote", "authorizer",
        ],
        StringComparer.Ordinal);

    private static readonly HashSet<string> TypeNames = new(
        ["int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type", "dyn"], StringComparer.Ordinal);

    private static readonly CelEnvironment Environment = CreateEnvironment();

    /// <summary>The functions registered on top of the engine's standard library (Kubernetes' string extensions).</summary>
    public static IReadOnlyCollection<string> KubernetesFunctions { get; } = ["lowerAscii", "upperAscii", "trim", "split", "join", "replace", "substring"];

    /// <summary>
    /// Compiles every rule under <paramref name="schema"/>; failures are added to <paramref name="causes"/> with
    /// the field path of the rule (<c>{path}.x-kubernetes-validations[0].rule</c>).
    /// </summary>
    /// <returns>The compiled rules, or null when the schema has none.</returns>
    public static SchemaRules? Compile(JsonObject schema, string path, List<StatusCause> causes)
    {
        var rules = new List<ValidationRule>();
        if (schema["x-kubernetes-validations"] is JsonArray entries)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                if (CompileRule(entries[i] as JsonObject ?? [], schema, string.Create(CultureInfo.InvariantCulture, $"{path}.x-kubernetes-validations[{i}]"), causes) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        var properties = new Dictionary<string, SchemaRules>(StringComparer.Ordinal);
        foreach (var (name, child) in schema["properties"] as JsonObject ?? [])
        {
            if (child is JsonObject childSchema && Compile(childSchema, $"{path}.properties[{name}]", causes) is { } compiled)
            {
                properties[name] = compiled;
            }
        }

        var result = new SchemaRules
        {
            Type = schema["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String ? type.GetValue<string>() : "",
            Schema = schema,
            Rules = rules,
            Properties = properties,
            AdditionalProperties = schema["additionalProperties"] is JsonObject values ? Compile(values, $"{path}.additionalProperties", causes) : null,
            Items = schema["items"] is JsonObject items ? Compile(items, $"{path}.items", causes) : null,
        };
        return result.IsEmpty ? null : result;
    }

    private static ValidationRule? CompileRule(JsonObject entry, JsonObject schema, string path, List<StatusCause> causes)
    {
        var rule = Text(entry["rule"]);
        var message = Text(entry["message"]);
        var messageExpression = Text(entry["messageExpression"]);
        var reason = entry["reason"] is null ? null : Text(entry["reason"]);
        var fieldPath = Text(entry["fieldPath"]);
        var shown = $"apiextensions.ValidationRule{{Rule:{Quote(rule)}, Message:{Quote(message)}, MessageExpression:{Quote(messageExpression)}, " +
            $"Reason:{(reason is null ? "(*apiextensions.FieldValueErrorReason)(nil)" : Quote(reason))}, FieldPath:{Quote(fieldPath)}, " +
            $"OptionalOldSelf:{(entry["optionalOldSelf"] is null ? "(*bool)(nil)" : entry["optionalOldSelf"]!.ToJsonString())}}}";
        var before = causes.Count;
        if (rule.Trim().Length == 0)
        {
            causes.Add(new("FieldValueRequired", $"{path}.rule", "Required value: rule is not specified"));
        }

        if (reason is not null and not ("FieldValueInvalid" or "FieldValueForbidden" or "FieldValueRequired" or "FieldValueDuplicate"))
        {
            causes.Add(new("FieldValueNotSupported", $"{path}.reason", $"Unsupported value: {Quote(reason)}: supported values: \"FieldValueDuplicate\", \"FieldValueForbidden\", \"FieldValueInvalid\", \"FieldValueRequired\""));
        }

        if (entry["optionalOldSelf"]?.GetValueKind() == JsonValueKind.True)
        {
            causes.Add(new("FieldValueInvalid", $"{path}.optionalOldSelf", $"Invalid value: true: the Kubernetes API test server does not implement optionalOldSelf (CEL optional types)"));
        }

        if (causes.Count > before)
        {
            return null;
        }

        var program = Check(rule, schema, out var usesOldSelf, out var problem);
        if (program is null)
        {
            causes.Add(new("FieldValueInvalid", $"{path}.rule", $"Invalid value: {shown}: compilation failed: {problem}"));
            return null;
        }

        CelProgramDelegate? messageProgram = null;
        if (messageExpression.Trim().Length > 0)
        {
            messageProgram = Check(messageExpression, schema, out _, out var messageProblem);
            if (messageProgram is null)
            {
                causes.Add(new("FieldValueInvalid", $"{path}.messageExpression", $"Invalid value: {shown}: messageExpression compilation failed: {messageProblem}"));
                return null;
            }
        }

        return new ValidationRule(rule, message, messageExpression, reason, fieldPath, usesOldSelf, program, messageProgram);
    }

    /// <summary>Parses and checks one expression against the schema of <c>self</c>; null with the problem when it fails.</summary>
    private static CelProgramDelegate? Check(string expression, JsonObject schema, out bool usesOldSelf, out string problem)
    {
        usesOldSelf = false;
        CelParser.StartContext tree;
        try
        {
            lock (Gate)
            {
                tree = Environment.Parse(expression);
            }
        }
        catch (CelExpressionParserException e)
        {
            problem = SyntaxError(e.Message);
            return null;
        }

        var nodes = Descendants(tree).ToList();
        var macroVariables = nodes.OfType<CelParser.MemberCallContext>()
            .Where(call => call.id is not null && Macros.Contains(call.id.Text) && call.args?.expr() is { Length: > 0 } args)
            .Select(call => call.args.expr()[0].GetText())
            .ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case CelParser.IdentOrGlobalCallContext { id: not null } ident when ident.op is not null:
                    CheckFunction(ident.id, problems);
                    break;
                case CelParser.IdentOrGlobalCallContext { id: not null } ident:
                    var name = ident.id.Text;
                    usesOldSelf |= name == "oldSelf";
                    if (name is not ("self" or "oldSelf") && !macroVariables.Contains(name) && !TypeNames.Contains(name))
                    {
                        problems.Add($"{Location(ident.id)}: undeclared reference to '{name}' (in container '')");
                    }

                    break;
                case CelParser.MemberCallContext { id: not null } call:
                    CheckFunction(call.id, problems);
                    break;
                case CelParser.SelectContext { id: not null } select when Chain(select) is { } chain:
                    CheckFields(chain, schema, select.id, problems);
                    break;
            }
        }

        if (problems.Count > 0)
        {
            problem = string.Join("\n", problems.Distinct(StringComparer.Ordinal));
            return null;
        }

        problem = "";
        var source = RewriteHas(expression, nodes);
        lock (Gate)
        {
            return Environment.Compile(source);
        }
    }

    /// <summary>
    /// Rewrites <c>has(x.f)</c> into <c>('f' in x)</c>. The engine answers <c>has</c> with protobuf field
    /// semantics, false for a present key whose value is empty (<c>{}</c>, <c>""</c>, <c>[]</c>); on the maps that
    /// hold JSON objects CEL's <c>has</c> means "the key is present", which is <c>in</c>.
    /// </summary>
    private static string RewriteHas(string expression, List<IParseTree> nodes)
    {
        var calls = nodes.OfType<CelParser.IdentOrGlobalCallContext>()
            .Where(call => call is { op: not null, id.Text: "has" } && call.args?.expr() is { Length: 1 })
            .Select(call => (Call: call, Select: Descendants(call.args.expr()[0]).OfType<CelParser.SelectContext>().FirstOrDefault()))
            .Where(c => c.Select?.id is not null && c.Select.opt is null && c.Select.GetText() == c.Call.args.expr()[0].GetText())
            .OrderByDescending(c => c.Call.Start.StartIndex)
            .ToList();
        var source = expression;
        foreach (var (call, select) in calls)
        {
            var receiver = select!.member();
            var receiverText = expression[receiver.Start.StartIndex..(receiver.Stop.StopIndex + 1)];
            var start = (call.leadingDot ?? call.id).StartIndex;
            source = string.Concat(source.AsSpan(0, start), $"('{select.id.Text}' in ({receiverText}))", source.AsSpan(call.Stop.StopIndex + 1));
        }

        return source;
    }

    private static void CheckFunction(IToken id, List<string> problems)
    {
        var name = id.Text;
        if (Macros.Contains(name) || StandardFunctions.Contains(name) || KubernetesFunctions.Contains(name))
        {
            return;
        }

        problems.Add(MissingKubernetesFunctions.Contains(name)
            ? $"{Location(id)}: the Kubernetes API test server does not implement the CEL function '{name}'"
            : $"{Location(id)}: undeclared reference to '{name}' (in container '')");
    }

    /// <summary>The field names selected from <c>self</c> or <c>oldSelf</c>, or null when the chain starts elsewhere.</summary>
    private static List<string>? Chain(CelParser.MemberContext member) => member switch
    {
        CelParser.SelectContext select when select.id is not null && Chain(select.member()) is { } head => [.. head, select.id.Text],
        CelParser.PrimaryExprContext { } primary when primary.primary() is CelParser.IdentOrGlobalCallContext { op: null, id.Text: "self" or "oldSelf" } => [],
        _ => null,
    };

    private static void CheckFields(List<string> chain, JsonObject schema, IToken at, List<string> problems)
    {
        var current = schema;
        foreach (var name in chain)
        {
            if (current["x-kubernetes-preserve-unknown-fields"]?.GetValueKind() == JsonValueKind.True ||
                current["x-kubernetes-int-or-string"]?.GetValueKind() == JsonValueKind.True ||
                current["additionalProperties"]?.GetValueKind() == JsonValueKind.True)
            {
                return;
            }

            if (current["properties"]?[name] is JsonObject property)
            {
                current = property;
            }
            else if (current["additionalProperties"] is JsonObject values)
            {
                current = values;
            }
            else
            {
                problems.Add($"{Location(at)}: undefined field '{name}'");
                return;
            }
        }
    }

    private static IEnumerable<IParseTree> Descendants(IParseTree node)
    {
        yield return node;
        for (var i = 0; i < node.ChildCount; i++)
        {
            foreach (var child in Descendants(node.GetChild(i)))
            {
                yield return child;
            }
        }
    }

    private static CelEnvironment CreateEnvironment()
    {
        var environment = new CelEnvironment(null, null);
        environment.RegisterFunction("lowerAscii", [typeof(string)], a => AsciiCase((string)a[0]!, upper: false));
        environment.RegisterFunction("upperAscii", [typeof(string)], a => AsciiCase((string)a[0]!, upper: true));
        environment.RegisterFunction("trim", [typeof(string)], a => ((string)a[0]!).Trim());
        environment.RegisterFunction("split", [typeof(string), typeof(string)], a => ((string)a[0]!).Split((string)a[1]!).Cast<object?>().ToList());
        environment.RegisterFunction("join", [typeof(System.Collections.IList)], a => string.Concat(((System.Collections.IList)a[0]!).Cast<object>()));
        environment.RegisterFunction("join", [typeof(System.Collections.IList), typeof(string)], a => string.Join((string)a[1]!, ((System.Collections.IList)a[0]!).Cast<object>()));
        environment.RegisterFunction("replace", [typeof(string), typeof(string), typeof(string)], a => ((string)a[0]!).Replace((string)a[1]!, (string)a[2]!, StringComparison.Ordinal));
        environment.RegisterFunction("substring", [typeof(string), typeof(long)], a => ((string)a[0]!)[(int)(long)a[1]!..]);
        environment.RegisterFunction("substring", [typeof(string), typeof(long), typeof(long)], a => ((string)a[0]!)[(int)(long)a[1]!..(int)(long)a[2]!]);
        return environment;
    }

    private static string AsciiCase(string text, bool upper) =>
        string.Concat(text.Select(c => char.IsAscii(c) ? (upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)) : c));

    /// <summary>The engine's <c>Line 1:7 message</c> in cel-go's form, <c>ERROR: &lt;input&gt;:1:8: Syntax error: message</c>.</summary>
    private static string SyntaxError(string message)
    {
        var match = SyntaxErrorPattern().Match(message);
        return match.Success
            ? string.Create(CultureInfo.InvariantCulture, $"ERROR: <input>:{match.Groups[1].Value}:{int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) + 1}: Syntax error: {match.Groups[3].Value}")
            : $"ERROR: <input>: Syntax error: {message}";
    }

    private static string Location(IToken token) =>
        string.Create(CultureInfo.InvariantCulture, $"ERROR: <input>:{token.Line}:{token.Column + 1}");

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"^Line (\d+):(\d+) (.*)$", RegexOptions.Singleline)]
    private static partial Regex SyntaxErrorPattern();
}
