using System.Text.RegularExpressions;
using FutReindexOperator.Decisions;

namespace FutReindexOperator.Tests.Decisions;

/// <summary>docs/design/reconcile.md draws the state machine the code runs: every state and every transition of the table.</summary>
public sealed partial class ReconcileDrawingTests
{
    private static readonly string Drawing = ReadDrawing();

    [Test]
    public void Drawing_ShowsEveryRunState()
    {
        var drawn = Edges().SelectMany(edge => new[] { edge.From, edge.To }).ToHashSet(StringComparer.Ordinal);

        Enum.GetNames<RunState>().Should().BeSubsetOf(drawn);
    }

    [Test]
    public void Drawing_ShowsEveryTransitionOfTheTableWithItsCause()
    {
        var drawn = Edges().ToList();

        foreach (var (transition, on) in ReindexStateTable.Transitions)
        {
            drawn.Should().Contain((transition.From.ToString(), transition.To.ToString(), on), $"the table's transition {transition.From} → {transition.To} ({on}) is drawn");
        }
    }

    [Test]
    public void Drawing_ShowsNoTransitionTheTableLacks()
    {
        var table = ReindexStateTable.Transitions.Select(row => (row.Transition.From.ToString(), row.Transition.To.ToString(), row.On)).ToList();

        Edges().Where(edge => edge.From != "[*]" && edge.To != "[*]").Should().BeSubsetOf(table);
    }

    /// <summary>The lines <c>From --> To : cause</c> of the mermaid stateDiagram.</summary>
    private static IEnumerable<(string From, string To, string On)> Edges()
        => EdgeLine().Matches(Drawing).Select(match => (match.Groups["from"].Value, match.Groups["to"].Value, match.Groups["on"].Value.Trim()));

    private static string ReadDrawing()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "design", "reconcile.md"));
        var start = markdown.IndexOf("```mermaid", StringComparison.Ordinal);
        var end = markdown.IndexOf("```", start + 3, StringComparison.Ordinal);
        return start < 0 || end < 0 ? throw new InvalidOperationException("docs/design/reconcile.md has no mermaid drawing.") : markdown[start..end];
    }

    [GeneratedRegex(@"^\s*(?<from>\[\*\]|\w+)\s*-->\s*(?<to>\[\*\]|\w+)\s*(:\s*(?<on>.*))?$", RegexOptions.Multiline)]
    private static partial Regex EdgeLine();
}
