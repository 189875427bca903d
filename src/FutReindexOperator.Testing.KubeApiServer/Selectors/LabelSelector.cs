using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Selectors;

/// <summary>
/// A parsed <c>labelSelector</c>: comma-separated requirements with <c>=</c>, <c>==</c>, <c>!=</c>,
/// <c>in (..)</c>, <c>notin (..)</c>, <c>key</c> (exists) and <c>!key</c> (does not exist), all ANDed.
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(List<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    /// <exception cref="ApiException">400 BadRequest naming the requirement that cannot be parsed.</exception>
    public static LabelSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }

        return new LabelSelector(SplitRequirements(selector).Select(ParseRequirement).ToList());
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.TrueForAll(r => r(labels));

    private static IEnumerable<string> SplitRequirements(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            switch (selector[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return selector[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }

        yield return selector[start..].Trim();
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string requirement)
    {
        if (requirement.Length == 0)
        {
            throw Invalid(requirement, "empty requirement");
        }

        if (requirement.StartsWith('!'))
        {
            var key = ValidKey(requirement[1..].Trim(), requirement);
            return labels => !labels.ContainsKey(key);
        }

        var notEquals = requirement.IndexOf("!=", StringComparison.Ordinal);
        if (notEquals > 0)
        {
            var key = ValidKey(requirement[..notEquals].Trim(), requirement);
            var value = requirement[(notEquals + 2)..].Trim();
            return labels => !labels.TryGetValue(key, out var actual) || actual != value;
        }

        var equals = requirement.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            var key = ValidKey(requirement[..equals].Trim(), requirement);
            var value = requirement[(equals + 1)..].TrimStart('=').Trim();
            return labels => labels.TryGetValue(key, out var actual) && actual == value;
        }

        var open = requirement.IndexOf('(', StringComparison.Ordinal);
        if (open > 0)
        {
            if (!requirement.EndsWith(')'))
            {
                throw Invalid(requirement, "expected a closing ')'");
            }

            var head = requirement[..open].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (head.Length != 2 || head[1] is not ("in" or "notin"))
            {
                throw Invalid(requirement, "expected 'key in (values)' or 'key notin (values)'");
            }

            var key = ValidKey(head[0], requirement);
            var values = requirement[(open + 1)..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
            return head[1] == "in"
                ? labels => labels.TryGetValue(key, out var actual) && values.Contains(actual)
                : labels => !labels.TryGetValue(key, out var actual) || !values.Contains(actual);
        }

        var exists = ValidKey(requirement, requirement);
        return labels => labels.ContainsKey(exists);
    }

    private static string ValidKey(string key, string requirement) =>
        key.Length > 0 && !key.Any(char.IsWhiteSpace) ? key : throw Invalid(requirement, "invalid label key");

    private static ApiException Invalid(string requirement, string problem) =>
        StatusObjects.BadRequest($"unable to parse requirement: \"{requirement}\": {problem}");
}
