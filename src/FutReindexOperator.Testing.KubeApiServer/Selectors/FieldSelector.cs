using System.Text.Json;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Selectors;

/// <summary>
/// A parsed <c>fieldSelector</c>: comma-separated <c>path=value</c>, <c>path==value</c> or <c>path!=value</c>,
/// all ANDed. A missing field compares as the empty string, as the real server does.
/// </summary>
public sealed class FieldSelector
{
    private readonly List<(string Path, string Value, bool Equal)> _requirements;

    private FieldSelector(List<(string Path, string Value, bool Equal)> requirements) => _requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public IEnumerable<string> Paths => _requirements.Select(r => r.Path);

    /// <summary>The value required for <paramref name="path"/> by an equality requirement, if any.</summary>
    public string? EqualityValue(string path) => _requirements.FirstOrDefault(r => r.Equal && r.Path == path).Value;

    /// <param name="selector">The <c>fieldSelector</c> query value.</param>
    /// <param name="allowedPaths">The fields this resource supports; others are a 400 BadRequest.</param>
    /// <param name="rename">Maps a selectable field to where it is stored (for the events.k8s.io view).</param>
    public static FieldSelector Parse(string? selector, Func<string, bool> allowedPaths, Func<string, string> rename)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }

        var requirements = new List<(string, string, bool)>();
        foreach (var requirement in selector.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var notEquals = requirement.IndexOf("!=", StringComparison.Ordinal);
            var equals = requirement.IndexOf('=', StringComparison.Ordinal);
            string path;
            string value;
            bool equal;
            if (notEquals > 0)
            {
                (path, value, equal) = (requirement[..notEquals], requirement[(notEquals + 2)..], false);
            }
            else if (equals > 0)
            {
                (path, value, equal) = (requirement[..equals], requirement[(equals + 1)..].TrimStart('='), true);
            }
            else
            {
                throw StatusObjects.BadRequest($"invalid selector: '{selector}'; can't understand '{requirement}'");
            }

            path = path.Trim();
            if (!allowedPaths(path))
            {
                throw StatusObjects.BadRequest($"field label not supported: {path}");
            }

            requirements.Add((rename(path), value.Trim(), equal));
        }

        return new FieldSelector(requirements);
    }

    public bool Matches(JsonElement value) =>
        _requirements.TrueForAll(r => (Lookup(value, r.Path) == r.Value) == r.Equal);

    private static string Lookup(JsonElement value, string path)
    {
        var current = value;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return "";
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            _ => "",
        };
    }
}
