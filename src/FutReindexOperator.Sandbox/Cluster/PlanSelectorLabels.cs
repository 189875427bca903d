using System.Text.Json.Nodes;

namespace FutReindexOperator.Sandbox.Cluster;

/// <summary>
/// The labels the simulated Services carry so that the plan samples select them, as an administrator labels the FUT
/// services a plan should cover: the union of the samples' <c>spec.targets.selector.matchLabels</c>.
/// </summary>
public static class PlanSelectorLabels
{
    /// <summary>Every <c>matchLabels</c> pair of <paramref name="plans"/>; a key two plans give different values is an error.</summary>
    public static IReadOnlyDictionary<string, string> Of(IEnumerable<JsonObject> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            if (plan["spec"]?["targets"]?["selector"]?["matchLabels"] is not JsonObject matchLabels)
            {
                continue;
            }

            foreach (var (key, value) in matchLabels)
            {
                var text = value?.ToString() ?? "";
                if (labels.TryGetValue(key, out var other) && other != text)
                {
                    throw new InvalidDataException(
                        $"{ManifestIdentity.Of(plan)}: spec.targets.selector.matchLabels.{key} is '{text}', another plan sample selects '{other}'; the sandbox labels every Service alike");
                }

                labels[key] = text;
            }
        }

        return labels;
    }
}
