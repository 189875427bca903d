using FutReindexOperator.Model;

namespace FutReindexOperator.Plans;

/// <summary>Kubernetes label-selector semantics: every matchLabels pair and every requirement must hold.</summary>
public static class SelectorMatcher
{
    public static bool Matches(ServiceSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(labels);
        return (selector.MatchLabels ?? new Dictionary<string, string>()).All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value)
            && (selector.MatchExpressions ?? []).All(requirement => Holds(requirement, labels));
    }

    /// <summary>Problems of <paramref name="selector"/> (field under <c>spec.targets.selector</c>); empty when valid.</summary>
    public static IEnumerable<string> Problems(ServiceSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var requirements = selector.MatchExpressions ?? [];
        for (var index = 0; index < requirements.Count; index++)
        {
            var requirement = requirements[index];
            var hasValues = (requirement.Values ?? []).Count > 0;
            if (requirement.Operator is SelectorOperator.In or SelectorOperator.NotIn && !hasValues)
            {
                yield return $"spec.targets.selector.matchExpressions[{index}].values: at least one value for {requirement.Operator}";
            }
            else if (requirement.Operator is SelectorOperator.Exists or SelectorOperator.DoesNotExist && hasValues)
            {
                yield return $"spec.targets.selector.matchExpressions[{index}].values: empty for {requirement.Operator}";
            }
        }
    }

    private static bool Holds(SelectorRequirement requirement, IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key, out var value);
        return requirement.Operator switch
        {
            SelectorOperator.In => present && (requirement.Values ?? []).Contains(value!),
            SelectorOperator.NotIn => !present || !(requirement.Values ?? []).Contains(value!),
            SelectorOperator.Exists => present,
            SelectorOperator.DoesNotExist => !present,
            _ => false,
        };
    }
}
