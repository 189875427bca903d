using k8s.Models;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// Whether one RBAC rule allows a request, with kube-apiserver's semantics (its <c>evaluation_helpers.go</c>):
/// <c>*</c> matches any verb, group, resource or URL; <c>*/status</c> any resource's status subresource; an empty
/// <c>resourceNames</c> any name; a non-resource URL ending in <c>*</c> is a prefix.
/// </summary>
public static class PolicyRules
{
    public const string All = "*";

    public static bool Allows(V1PolicyRule rule, RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(request);
        if (!VerbMatches(rule, request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return NonResourceUrlMatches(rule, request.Path);
        }

        var combined = request.Subresource.Length == 0 ? request.Resource : request.Resource + "/" + request.Subresource;
        return ApiGroupMatches(rule, request.ApiGroup) &&
            ResourceMatches(rule, combined, request.Subresource) &&
            ResourceNameMatches(rule, request.Name);
    }

    public static bool VerbMatches(V1PolicyRule rule, string verb) =>
        rule.Verbs?.Any(v => v == All || v == verb) == true;

    public static bool ApiGroupMatches(V1PolicyRule rule, string group) =>
        rule.ApiGroups?.Any(g => g == All || g == group) == true;

    public static bool ResourceMatches(V1PolicyRule rule, string combinedResource, string subresource) =>
        rule.Resources?.Any(r =>
            r == All ||
            r == combinedResource ||
            (subresource.Length > 0 && r.Length == subresource.Length + 2 && r.StartsWith("*/", StringComparison.Ordinal) && r.EndsWith(subresource, StringComparison.Ordinal))) == true;

    public static bool ResourceNameMatches(V1PolicyRule rule, string name) =>
        rule.ResourceNames is not { Count: > 0 } names || names.Contains(name, StringComparer.Ordinal);

    public static bool NonResourceUrlMatches(V1PolicyRule rule, string path) =>
        rule.NonResourceURLs?.Any(url =>
            url == All ||
            url == path ||
            (url.EndsWith('*') && path.StartsWith(url[..^1], StringComparison.Ordinal))) == true;
}
