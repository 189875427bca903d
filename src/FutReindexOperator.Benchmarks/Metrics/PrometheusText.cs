using System.Globalization;
using System.Text;

namespace FutReindexOperator.Benchmarks.Metrics;

/// <summary>
/// Parses the Prometheus text exposition format (version 0.0.4) as <c>/metrics</c> serves it: comments and blank lines
/// are skipped, label values are unescaped (<c>\\</c>, <c>\"</c>, <c>\n</c>), values may be <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>,
/// and an optional timestamp after the value is ignored.
/// </summary>
public static class PrometheusText
{
    /// <exception cref="FormatException">A line is not a valid sample; the message quotes it.</exception>
    public static IReadOnlyList<MetricSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<MetricSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseLine(line));
        }

        return samples;
    }

    private static MetricSample ParseLine(string line)
    {
        var position = 0;
        while (position < line.Length && line[position] != '{' && line[position] != ' ' && line[position] != '\t')
        {
            position++;
        }

        var name = line[..position];
        if (name.Length == 0)
        {
            throw Invalid(line, "a metric name");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position = ParseLabels(line, position + 1, labels);
        }

        var rest = line[position..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is 0 or > 2)
        {
            throw Invalid(line, "a value and an optional timestamp after the name and labels");
        }

        return new MetricSample(name, labels, ParseValue(rest[0], line));
    }

    private static int ParseLabels(string line, int position, Dictionary<string, string> labels)
    {
        while (true)
        {
            while (position < line.Length && (line[position] == ' ' || line[position] == ','))
            {
                position++;
            }

            if (position < line.Length && line[position] == '}')
            {
                return position + 1;
            }

            var equals = line.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                throw Invalid(line, "labels as name=\"value\"");
            }

            var labelName = line[position..equals].Trim();
            var value = new StringBuilder();
            position = equals + 2;
            while (true)
            {
                if (position >= line.Length)
                {
                    throw Invalid(line, "a closing quote after a label value");
                }

                var character = line[position];
                if (character == '"')
                {
                    position++;
                    break;
                }

                if (character == '\\' && position + 1 < line.Length)
                {
                    value.Append(line[position + 1] == 'n' ? '\n' : line[position + 1]);
                    position += 2;
                    continue;
                }

                value.Append(character);
                position++;
            }

            labels[labelName] = value.ToString();
        }
    }

    private static double ParseValue(string text, string line) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw Invalid(line, "a numeric value"),
    };

    private static FormatException Invalid(string line, string expected)
        => new($"Prometheus text line '{line}' is invalid: expected {expected}.");
}
