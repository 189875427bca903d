using FutReindexOperator.Testing.KubeApiServer.Auth;
using k8s.Models;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// The Roles, ClusterRoles and bindings at one moment, and what they grant, as kube-apiserver's RBAC authorizer
/// reads them: every ClusterRoleBinding naming the user (or one of its groups, or its ServiceAccount) grants its
/// role's rules everywhere; every RoleBinding in the request's namespace grants its Role's, or ClusterRole's, rules
/// in that namespace only. A ClusterRole with an <c>aggregationRule</c> has the rules of every ClusterRole its
/// selectors match (as the aggregation controller keeps them), recursively. A binding to a missing role grants
/// nothing and is reported (<c>RBAC: clusterrole.rbac.authorization.k8s.io "x" not found</c>).
/// </summary>
public sealed class RbacPolicy
{
    private readonly Dictionary<string, V1ClusterRole> _clusterRoles;
    private readonly Dictionary<(string Namespace, string Name), V1Role> _roles;
    private readonly IReadOnlyList<V1ClusterRoleBinding> _clusterRoleBindings;
    private readonly ILookup<string, V1RoleBinding> _roleBindings;
    private readonly Dictionary<string, IReadOnlyList<V1PolicyRule>> _effectiveClusterRules = new(StringComparer.Ordinal);

    public RbacPolicy(IEnumerable<V1ClusterRole> clusterRoles, IEnumerable<V1Role> roles, IEnumerable<V1ClusterRoleBinding> clusterRoleBindings, IEnumerable<V1RoleBinding> roleBindings)
    {
        _clusterRoles = clusterRoles.ToDictionary(r => r.Metadata.Name, StringComparer.Ordinal);
        _roles = roles.ToDictionary(r => (r.Metadata.NamespaceProperty ?? "", r.Metadata.Name));
        _clusterRoleBindings = [.. clusterRoleBindings.OrderBy(b => b.Metadata.Name, StringComparer.Ordinal)];
        _roleBindings = roleBindings.OrderBy(b => b.Metadata.Name, StringComparer.Ordinal).ToLookup(b => b.Metadata.NamespaceProperty ?? "", StringComparer.Ordinal);
        foreach (var name in _clusterRoles.Keys)
        {
            ResolveClusterRole(name, []);
        }
    }

    public static RbacPolicy Empty { get; } = new([], [], [], []);

    /// <summary>Whether RBAC allows the request; the reason names the binding that allowed it, or the broken bindings met.</summary>
    public AuthorizationDecision Authorize(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        foreach (var grant in Grants(request.User, request.Namespace, errors))
        {
            if (grant.Rules.Any(rule => PolicyRules.Allows(rule, request)))
            {
                return new AuthorizationDecision(true, "RBAC: allowed by " + grant.Source);
            }
        }

        return new AuthorizationDecision(false, errors.Count switch
        {
            0 => "",
            1 => "RBAC: " + errors[0],
            _ => "RBAC: [" + string.Join(", ", errors) + "]",
        });
    }

    /// <summary>Every rule granted to <paramref name="user"/> in <paramref name="ns"/> (cluster-wide ones included), and the broken bindings met.</summary>
    public (IReadOnlyList<V1PolicyRule> Rules, IReadOnlyList<string> Errors) RulesFor(UserInfo user, string ns)
    {
        var errors = new List<string>();
        var rules = Grants(user, ns, errors).SelectMany(g => g.Rules).ToList();
        return (rules, errors);
    }

    /// <summary>The rules of a ClusterRole, aggregated ones resolved; null when it does not exist.</summary>
    public IReadOnlyList<V1PolicyRule>? ClusterRoleRules(string name) => _effectiveClusterRules.GetValueOrDefault(name);

    private IEnumerable<(string Source, IReadOnlyList<V1PolicyRule> Rules)> Grants(UserInfo user, string ns, List<string> errors)
    {
        foreach (var binding in _clusterRoleBindings)
        {
            if (MatchingSubject(user, binding.Subjects, "") is not { } subject)
            {
                continue;
            }

            var rules = RoleReferenceRules(binding.RoleRef, "", errors);
            if (rules is not null)
            {
                yield return ($"ClusterRoleBinding \"{binding.Metadata.Name}\" of {binding.RoleRef.Kind} \"{binding.RoleRef.Name}\" to {Describe(subject, "")}", rules);
            }
        }

        if (ns.Length == 0)
        {
            yield break;
        }

        foreach (var binding in _roleBindings[ns])
        {
            if (MatchingSubject(user, binding.Subjects, ns) is not { } subject)
            {
                continue;
            }

            var rules = RoleReferenceRules(binding.RoleRef, ns, errors);
            if (rules is not null)
            {
                yield return ($"RoleBinding \"{binding.Metadata.Name}/{ns}\" of {binding.RoleRef.Kind} \"{binding.RoleRef.Name}\" to {Describe(subject, ns)}", rules);
            }
        }
    }

    private IReadOnlyList<V1PolicyRule>? RoleReferenceRules(V1RoleRef reference, string ns, List<string> errors)
    {
        switch (reference.Kind)
        {
            case "ClusterRole":
                var clusterRules = ClusterRoleRules(reference.Name);
                if (clusterRules is null)
                {
                    errors.Add($"clusterrole.rbac.authorization.k8s.io \"{reference.Name}\" not found");
                }

                return clusterRules;
            case "Role" when ns.Length > 0:
                if (_roles.TryGetValue((ns, reference.Name), out var role))
                {
                    return role.Rules?.ToList() ?? [];
                }

                errors.Add($"role.rbac.authorization.k8s.io \"{reference.Name}\" not found");
                return null;
            default:
                errors.Add($"unsupported role reference kind: \"{reference.Kind}\"");
                return null;
        }
    }

    private IReadOnlyList<V1PolicyRule>? ResolveClusterRole(string name, HashSet<string> resolving)
    {
        if (_effectiveClusterRules.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!_clusterRoles.TryGetValue(name, out var role))
        {
            return null;
        }

        if (role.AggregationRule?.ClusterRoleSelectors is not { } selectors)
        {
            return _effectiveClusterRules[name] = role.Rules?.ToList() ?? [];
        }

        if (!resolving.Add(name))
        {
            // A cycle of aggregated roles: the controller would see this role's stored rules.
            return role.Rules?.ToList() ?? [];
        }

        // The aggregation controller replaces the role's rules with the union of the matching roles' rules.
        var rules = new List<V1PolicyRule>();
        foreach (var candidate in _clusterRoles.Values.OrderBy(r => r.Metadata.Name, StringComparer.Ordinal))
        {
            if (candidate.Metadata.Name == name || !selectors.Any(s => LabelSelectors.Matches(s, candidate.Metadata.Labels)))
            {
                continue;
            }

            foreach (var rule in ResolveClusterRole(candidate.Metadata.Name, resolving) ?? [])
            {
                if (!rules.Any(existing => SameRule(existing, rule)))
                {
                    rules.Add(rule);
                }
            }
        }

        resolving.Remove(name);
        _effectiveClusterRules[name] = rules;
        return rules;
    }

    private static bool SameRule(V1PolicyRule a, V1PolicyRule b)
    {
        static bool Same(IList<string>? x, IList<string>? y) => (x ?? []).SequenceEqual(y ?? [], StringComparer.Ordinal);
        return Same(a.Verbs, b.Verbs) && Same(a.ApiGroups, b.ApiGroups) && Same(a.Resources, b.Resources) &&
            Same(a.ResourceNames, b.ResourceNames) && Same(a.NonResourceURLs, b.NonResourceURLs);
    }

    private static Rbacv1Subject? MatchingSubject(UserInfo user, IEnumerable<Rbacv1Subject>? subjects, string bindingNamespace) =>
        subjects?.FirstOrDefault(subject => subject.Kind switch
        {
            "User" => subject.Name == user.Name,
            "Group" => user.IsInGroup(subject.Name),
            "ServiceAccount" => (string.IsNullOrEmpty(subject.NamespaceProperty) ? bindingNamespace : subject.NamespaceProperty) is { Length: > 0 } saNamespace &&
                user.Name == UserInfo.ServiceAccountUserName(saNamespace, subject.Name),
            _ => false,
        });

    private static string Describe(Rbacv1Subject subject, string bindingNamespace) => subject.Kind == "ServiceAccount"
        ? $"ServiceAccount \"{subject.Name}/{(string.IsNullOrEmpty(subject.NamespaceProperty) ? bindingNamespace : subject.NamespaceProperty)}\""
        : $"{subject.Kind} \"{subject.Name}\"";
}
