using k8s.Models;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>A structured <c>LabelSelector</c> (matchLabels and matchExpressions) against an object's labels; an empty selector matches everything.</summary>
public static class LabelSelectors
{
    public static bool Matches(V1LabelSelector selector, IDictionary<string, string>? labels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        labels ??= new Dictionary<string, string>();
        return (selector.MatchLabels ?? new Dictionary<string, string>()).All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value) &&
            (selector.MatchExpressions ?? []).All(expression =>
            {
                var has = labels.TryGetValue(expression.Key, out var value);
                return expression.OperatorProperty switch
                {
                    "In" => has && (expression.Values ?? []).Contains(value!, StringComparer.Ordinal),
                    "NotIn" => !has || !(expression.Values ?? []).Contains(value!, StringComparer.Ordinal),
                    "Exists" => has,
                    "DoesNotExist" => !has,
                    _ => false,
                };
            });
    }
}
