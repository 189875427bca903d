using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;

namespace FutReindexOperator.Testing.Generators.Schema;

/// <summary>
/// Generators of JSON values that a structural OpenAPI v3 schema (a CRD's <c>openAPIV3Schema</c>) accepts, read from the
/// schema itself: types, enums, patterns, minimum and maximum, lengths, item counts, required properties, nullable,
/// maps (<c>additionalProperties</c>), list maps (<c>x-kubernetes-list-map-keys</c>) and <c>oneOf</c> of required sets.
/// A field added to the CRD is generated without new code; a keyword the generator cannot honour throws, naming it.
/// </summary>
/// <remarks>
/// Values lean towards extremes: maximum lengths, the bounds of numbers, huge repetitions in patterns (durations of
/// ten digits), far-off dates, non-ASCII and control characters in free text. Optional properties are present about
/// half the time.
/// </remarks>
public static class SchemaGen
{
    /// <summary>Free text draws from these: ASCII, whitespace and quotes, non-ASCII letters, a no-break and a zero-width space.</summary>
    private const string TextChars = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 -_.:/?=&%#'\"\\\t\néßøÆ中文ЖΩ\u00a0\u200b";

    /// <summary>The keywords a schema may carry that the generator honours or that do not constrain values.</summary>
    private static readonly HashSet<string> KnownKeywords = new(StringComparer.Ordinal)
    {
        "type", "description", "properties", "required", "items", "enum", "pattern", "format", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "nullable", "default",
        "additionalProperties", "oneOf", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-validations",
        "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource", "x-kubernetes-int-or-string", "title",
    };

    /// <summary>A generator of values <paramref name="schema"/> accepts.</summary>
    public static Gen<JsonNode?> For(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var (keyword, _) in schema)
        {
            if (!KnownKeywords.Contains(keyword))
            {
                throw new NotSupportedException($"The schema keyword '{keyword}' is not read by the generator.");
            }
        }

        var value = Value(schema);
        return schema["nullable"]?.GetValue<bool>() == true
            ? Gen.Frequency<JsonNode?>((9, value), (1, Gen.Const<JsonNode?>((JsonNode?)null)))
            : value;
    }

    private static Gen<JsonNode?> Value(JsonObject schema)
    {
        if (schema["enum"] is JsonArray allowed)
        {
            return Gen.OneOf<JsonNode?>([.. allowed.Select(option => option?.DeepClone())]).Select(node => node?.DeepClone());
        }

        return schema["type"]?.GetValue<string>() switch
        {
            "object" => ObjectOf(schema).Select(node => (JsonNode?)node),
            "array" => Array(schema).Select(node => (JsonNode?)node),
            "string" => Text(schema).Select(text => (JsonNode?)JsonValue.Create(text)),
            "integer" => Integer(schema).Select(number => (JsonNode?)JsonValue.Create(number)),
            "number" => Integer(schema).Select(number => (JsonNode?)JsonValue.Create((double)number)),
            "boolean" => Gen.Bool.Select(flag => (JsonNode?)JsonValue.Create(flag)),
            var type => throw new NotSupportedException($"The schema type '{type}' is not read by the generator."),
        };
    }

    /// <summary>An object: required properties always, optional ones about half the time, one <c>oneOf</c> branch.</summary>
    public static Gen<JsonObject> ObjectOf(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var properties = schema["properties"] as JsonObject ?? [];
        var required = Names(schema["required"]);
        List<HashSet<string>> branches = schema["oneOf"] is JsonArray oneOf
            ? [.. oneOf.Select(branch => Names(branch?["required"]))]
            : [new(StringComparer.Ordinal)];
        var fields = properties
            .Select(pair => (Name: pair.Key, Gen: For((JsonObject)pair.Value!)))
            .ToList();
        var map = schema["additionalProperties"] is JsonObject valueSchema ? MapEntries(valueSchema) : Gen.Const(new List<(string, JsonNode?)>());
        return Gen.Int[0, branches.Count - 1].SelectMany(branchIndex =>
        {
            var branch = branches[branchIndex];
            var excluded = branches.Where((_, index) => index != branchIndex).SelectMany(names => names).Where(name => !branch.Contains(name)).ToHashSet(StringComparer.Ordinal);
            var parts = fields
                .Where(field => !excluded.Contains(field.Name))
                .Select(field => required.Contains(field.Name) || branch.Contains(field.Name)
                    ? field.Gen.Select(value => (field.Name, Present: true, Value: value))
                    : Gen.Select(Gen.Bool, field.Gen, (present, value) => (field.Name, Present: present, Value: value)))
                .ToArray();
            var all = parts.Length == 0
                ? Gen.Const(System.Array.Empty<(string Name, bool Present, JsonNode? Value)>())
                : Sequence(parts);
            return Gen.Select(all, map, (chosen, entries) =>
            {
                var result = new JsonObject();
                foreach (var (name, present, value) in chosen)
                {
                    if (present)
                    {
                        result[name] = value;
                    }
                }

                foreach (var (key, value) in entries)
                {
                    result[key] = value;
                }

                return result;
            });
        });
    }

    private static Gen<List<(string, JsonNode?)>> MapEntries(JsonObject valueSchema)
        => Gen.Select(PatternGen.For("^[a-z][-a-z0-9.]{0,20}$", 8), For(valueSchema), (key, value) => (key, value))
            .List[0, 3]
            .Select(entries => entries.DistinctBy(entry => entry.key, StringComparer.Ordinal).ToList());

    private static Gen<JsonArray> Array(JsonObject schema)
    {
        var items = (JsonObject?)schema["items"] ?? throw new NotSupportedException("An array schema without items is not read by the generator.");
        var min = (int)Bound(schema["minItems"], 0);
        var max = (int)Bound(schema["maxItems"], 8);
        var count = Gen.Frequency<int>((6, Gen.Int[min, Math.Max(min, Math.Min(max, 3))]), (1, Gen.Int[min, max]), (1, Gen.Const(max)));
        var keys = Names(schema["x-kubernetes-list-map-keys"]);
        var itemGen = For(items);
        return count.SelectMany(n => itemGen.Array[n]).Select(values =>
        {
            var unique = keys.Count == 0
                ? values
                : values.DistinctBy(value => string.Join("\n", keys.Select(key => value?[key]?.ToJsonString() ?? "")), StringComparer.Ordinal).ToArray();
            return new JsonArray([.. unique]);
        });
    }

    /// <summary>A string the schema accepts: its pattern (biased to short and to maximum repetitions), its format, or free text.</summary>
    public static Gen<string> Text(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var min = (int)Bound(schema["minLength"], 0);
        int? max = schema["maxLength"] is { } maxLength ? (int)Bound(maxLength, 0) : null;
        if (schema["format"]?.GetValue<string>() == "date-time")
        {
            return DateTimes.Select(time => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        if (schema["pattern"]?.GetValue<string>() is { } pattern)
        {
            var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            var longCap = Math.Max(4, Math.Min(max ?? 24, 2048));
            return Gen.Frequency<string>((4, PatternGen.For(pattern, 3)), (1, PatternGen.For(pattern, longCap)))
                .Where(text => text.Length >= min && (max is null || text.Length <= max) && regex.IsMatch(text));
        }

        var upper = max ?? 300;
        var chars = Gen.OneOf<char>([.. TextChars]);
        var length = Gen.Frequency<int>((6, Gen.Int[min, Math.Max(min, Math.Min(upper, 16))]), (1, Gen.Int[min, upper]), (1, Gen.Const(upper)));
        return length.SelectMany(n => chars.Array[n]).Select(text => new string(text));
    }

    /// <summary>Times near 2026 mostly, sometimes the ends of the representable range: clocks jump, people type.</summary>
    public static Gen<DateTimeOffset> DateTimes { get; } = Gen.Frequency<DateTimeOffset>(
        (8, Gen.Long[0, 3 * 365 * 24 * 3600L].Select(seconds => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds))),
        (1, Gen.OneOf<DateTimeOffset>(
            new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero))),
        (1, Gen.Long[0, 9000L * 365 * 24 * 3600].Select(seconds => new DateTimeOffset(1000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds))));

    private static Gen<long> Integer(JsonObject schema)
    {
        var format = schema["format"]?.GetValue<string>();
        var (typeMin, typeMax) = format == "int32" ? (int.MinValue, int.MaxValue) : (long.MinValue, long.MaxValue);
        var min = schema["minimum"] is { } minimum ? (long)Bound(minimum, typeMin) + (schema["exclusiveMinimum"]?.GetValue<bool>() == true ? 1 : 0) : typeMin;
        var max = schema["maximum"] is { } maximum ? (long)Bound(maximum, typeMax) - (schema["exclusiveMaximum"]?.GetValue<bool>() == true ? 1 : 0) : typeMax;
        var extremes = new[] { min, max, 0L, 1L, -1L, min + 1, max - 1 }.Where(value => value >= min && value <= max).Distinct().ToArray();
        return Gen.Frequency<long>((2, Gen.OneOf<long>(extremes)), (3, Gen.Long[min, max]), (3, Gen.Long[Math.Max(min, -10), Math.Min(max, 100)]));
    }

    private static double Bound(JsonNode? node, double fallback)
        => node is null ? fallback : double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static HashSet<string> Names(JsonNode? node)
        => node is JsonArray array ? array.Select(item => item!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) : new(StringComparer.Ordinal);

    private static Gen<T[]> Sequence<T>(IReadOnlyList<Gen<T>> parts)
        => parts.Aggregate(Gen.Const(System.Array.Empty<T>()), (all, part) => Gen.Select(all, part, (done, next) => (T[])[.. done, next]));
}
