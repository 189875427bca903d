using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Authorization;

namespace FutReindexOperator.Testing.KubeApiServer.Auth;

/// <summary>
/// Acting as another user, as kube-apiserver does it (<c>kubectl --as=system:serviceaccount:NS:SA --as-group=G</c>):
/// the <c>Impersonate-User</c> and <c>Impersonate-Group</c> headers replace the caller's identity when the caller may
/// <c>impersonate</c> that user (<c>users</c>, or <c>serviceaccounts</c> in the account's namespace) and each group
/// (<c>groups</c>). An impersonated ServiceAccount without requested groups gets its token's groups; everyone
/// impersonated but <c>system:anonymous</c> gets <c>system:authenticated</c>.
/// </summary>
public static class Impersonation
{
    public const string UserHeader = "Impersonate-User";
    public const string GroupHeader = "Impersonate-Group";
    public const string UidHeader = "Impersonate-Uid";
    public const string ExtraHeaderPrefix = "Impersonate-Extra-";

    /// <summary>The identity the request acts as: <paramref name="caller"/> unless it asks to impersonate.</summary>
    /// <param name="request">The request, with its impersonation headers.</param>
    /// <param name="caller">Who the token says makes the request.</param>
    /// <param name="authorize">Decides each impersonation; the attributes' verb is <c>impersonate</c>.</param>
    /// <param name="onForbidden">Told of each refused impersonation before it is thrown.</param>
    /// <exception cref="ApiException">403 when the caller may not impersonate; 500 for groups without a user, as kube-apiserver answers.</exception>
    public static UserInfo Apply(HttpRequest request, UserInfo caller, Func<RequestAttributes, AuthorizationDecision> authorize, Action<RequestAttributes, ApiException> onForbidden)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authorize);
        ArgumentNullException.ThrowIfNull(onForbidden);
        var userName = request.Headers[UserHeader].ToString();
        var groups = request.Headers[GroupHeader].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        var others = request.Headers.Keys.Any(k => k.StartsWith(ExtraHeaderPrefix, StringComparison.OrdinalIgnoreCase) || k.Equals(UidHeader, StringComparison.OrdinalIgnoreCase));
        if (userName.Length == 0)
        {
            return groups.Count == 0 && !others
                ? caller
                : throw new ApiException(500, "InternalError", "Internal error occurred: requested impersonation of groups, uid or extra fields without impersonating a user");
        }

        if (others)
        {
            throw new ApiException(500, "InternalError", "Internal error occurred: impersonating a uid or extra fields is not supported by the Kubernetes API test server");
        }

        var isServiceAccount = UserInfo.TryParseServiceAccount(userName, out var saNamespace, out var saName);
        Check(isServiceAccount
            ? Attributes(caller, "serviceaccounts", saName) with { Namespace = saNamespace }
            : Attributes(caller, "users", userName));
        foreach (var group in groups)
        {
            Check(Attributes(caller, "groups", group));
        }

        if (isServiceAccount && groups.Count == 0)
        {
            groups.AddRange(UserInfo.ServiceAccountGroups(saNamespace));
        }

        if (userName == UserInfo.AnonymousName)
        {
            return new UserInfo(userName, groups.Contains(UserInfo.Unauthenticated) ? groups : [.. groups, UserInfo.Unauthenticated]);
        }

        return groups.Contains(UserInfo.Authenticated) || groups.Contains(UserInfo.Unauthenticated)
            ? new UserInfo(userName, groups)
            : new UserInfo(userName, [.. groups, UserInfo.Authenticated]);

        void Check(RequestAttributes attributes)
        {
            var decision = authorize(attributes);
            if (!decision.Allowed)
            {
                var forbidden = ForbiddenResponses.For(attributes, decision.Reason);
                onForbidden(attributes, forbidden);
                throw forbidden;
            }
        }
    }

    private static RequestAttributes Attributes(UserInfo caller, string resource, string name) =>
        new(caller, "impersonate", true, "") { Resource = resource, Name = name, ApiVersion = "v1" };
}
