using System.Text;

namespace FutReindexOperator.Testing.World;

/// <summary>One label matcher of a PromQL selector, such as <c>phase=~"Failed|Lost"</c>.</summary>
public sealed record LabelMatcher(string Label, string Operator, string Value)
{
    public override string ToString() => $"{Label}{Operator}\"{Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}

/// <summary>A series selector of a PromQL expression: a metric name and its label matchers.</summary>
public sealed record SeriesSelector(string Metric, IReadOnlyList<LabelMatcher> Matchers)
{
    /// <summary>The selector as PromQL writes it (what Prometheus's series API takes as <c>match[]</c>).</summary>
    public override string ToString() => Matchers.Count == 0 ? Metric : $"{Metric}{{{string.Join(",", Matchers)}}}";
}

/// <summary>What an expression reads: its series selectors and the labels it groups or matches by.</summary>
public sealed record PromQlReads(IReadOnlyList<SeriesSelector> Selectors, IReadOnlyList<string> GroupingLabels);

/// <summary>
/// Reads the series selectors and grouping labels (<c>by</c>, <c>without</c>, <c>on</c>, <c>ignoring</c>,
/// <c>group_left</c>, <c>group_right</c>) out of a PromQL expression, so that a test can ask a real Prometheus whether
/// each exists. A lexer, not a full parser: function and aggregation names are recognised by the parenthesis (or the
/// grouping clause) that follows them; strings, ranges and numbers are skipped.
/// </summary>
public static class PromQlSelectors
{
    private static readonly HashSet<string> Aggregations = new(StringComparer.Ordinal)
    {
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
    };

    private static readonly HashSet<string> GroupingKeywords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right" };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan" };

    public static PromQlReads Read(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var selectors = new List<SeriesSelector>();
        var grouping = new List<string>();
        var position = 0;
        while (position < expression.Length)
        {
            var character = expression[position];
            if (character is '"' or '\'' or '`')
            {
                ReadString(expression, ref position);
            }
            else if (character == '[')
            {
                position = expression.IndexOf(']', position) + 1;
            }
            else if (char.IsAsciiDigit(character) || character == '.')
            {
                while (position < expression.Length && (char.IsAsciiLetterOrDigit(expression[position]) || expression[position] == '.'))
                {
                    position++;
                }
            }
            else if (char.IsAsciiLetter(character) || character is '_' or ':')
            {
                var name = ReadIdentifier(expression, ref position);
                var next = SkipSpaces(expression, position);
                if (GroupingKeywords.Contains(name))
                {
                    if (next < expression.Length && expression[next] == '(')
                    {
                        var end = expression.IndexOf(')', next);
                        grouping.AddRange(expression[(next + 1)..end].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                        position = end + 1;
                    }
                }
                else if (Keywords.Contains(name) || Aggregations.Contains(name) || (next < expression.Length && expression[next] == '('))
                {
                    // An operator, a function or an aggregation: what follows is read on its own.
                }
                else if (next < expression.Length && expression[next] == '{')
                {
                    position = next + 1;
                    selectors.Add(new SeriesSelector(name, ReadMatchers(expression, ref position)));
                }
                else
                {
                    selectors.Add(new SeriesSelector(name, []));
                }
            }
            else
            {
                position++;
            }
        }

        return new PromQlReads(selectors, grouping);
    }

    private static List<LabelMatcher> ReadMatchers(string expression, ref int position)
    {
        var matchers = new List<LabelMatcher>();
        while (true)
        {
            position = SkipSpaces(expression, position);
            if (expression[position] == '}')
            {
                position++;
                return matchers;
            }

            if (expression[position] == ',')
            {
                position++;
                continue;
            }

            var label = ReadIdentifier(expression, ref position);
            position = SkipSpaces(expression, position);
            var operatorEnd = position;
            while ("=!~".Contains(expression[operatorEnd], StringComparison.Ordinal))
            {
                operatorEnd++;
            }

            var matcherOperator = expression[position..operatorEnd];
            position = SkipSpaces(expression, operatorEnd);
            matchers.Add(new LabelMatcher(label, matcherOperator, ReadString(expression, ref position)));
        }
    }

    private static string ReadIdentifier(string expression, ref int position)
    {
        var start = position;
        while (position < expression.Length && (char.IsAsciiLetterOrDigit(expression[position]) || expression[position] is '_' or ':'))
        {
            position++;
        }

        return expression[start..position];
    }

    private static string ReadString(string expression, ref int position)
    {
        var quote = expression[position++];
        var value = new StringBuilder();
        while (expression[position] != quote)
        {
            if (expression[position] == '\\' && quote != '`')
            {
                position++;
            }

            value.Append(expression[position++]);
        }

        position++;
        return value.ToString();
    }

    private static int SkipSpaces(string expression, int position)
    {
        while (position < expression.Length && char.IsWhiteSpace(expression[position]))
        {
            position++;
        }

        return position;
    }
}
