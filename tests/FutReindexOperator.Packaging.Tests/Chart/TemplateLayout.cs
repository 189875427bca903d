using System.Text.RegularExpressions;

namespace FutReindexOperator.Packaging.Tests.Chart;

/// <summary>
/// Where a line of a Helm template lands in the YAML it renders, read without rendering: the keys of the lines above it
/// with less indentation (template actions alone on a line render nothing and are skipped), and the <c>if</c> and
/// <c>with</c> actions that enclose it. Enough for this chart's templates, whose YAML structure is written out literally.
/// </summary>
internal static partial class TemplateLayout
{
    /// <summary>A template line: its YAML key path (dot-separated; list items add nothing) and its enclosing guards.</summary>
    internal sealed record Placement(string Path, IReadOnlyList<string> Guards);

    /// <summary>The placement of the single line of <paramref name="template"/> that contains <paramref name="fragment"/>.</summary>
    public static Placement Of(string template, string fragment)
    {
        var lines = template.Split('\n');
        var matches = Enumerable.Range(0, lines.Length).Where(index => lines[index].Contains(fragment, StringComparison.Ordinal)).ToList();
        matches.Should().ContainSingle($"the template has one line with '{fragment}'");
        var target = matches[0];

        var keys = new List<(int Indent, string Key)>();
        var guards = new List<string>();
        for (var index = 0; index <= target; index++)
        {
            var line = lines[index];
            var action = ActionOnly().Match(line);
            if (action.Success)
            {
                var body = action.Groups["body"].Value.Trim();
                if (body.StartsWith("if ", StringComparison.Ordinal) || body.StartsWith("with ", StringComparison.Ordinal) || body.StartsWith("range ", StringComparison.Ordinal))
                {
                    guards.Add(body);
                }
                else if (body == "end" && guards.Count > 0)
                {
                    guards.RemoveAt(guards.Count - 1);
                }

                continue;
            }

            var key = KeyLine().Match(line);
            if (!key.Success || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indent = key.Groups["indent"].Length + key.Groups["item"].Length;
            keys.RemoveAll(entry => entry.Indent >= indent);
            keys.Add((indent, key.Groups["key"].Value));
        }

        return new Placement(string.Join('.', keys.Select(entry => entry.Key)), guards);
    }

    [GeneratedRegex(@"^\s*\{\{-?\s*(?<body>.*?)\s*-?\}\}\s*$")]
    private static partial Regex ActionOnly();

    [GeneratedRegex(@"^(?<indent> *)(?<item>- )?(?<key>[A-Za-z0-9_.\/-]+):(\s|$)")]
    private static partial Regex KeyLine();
}
