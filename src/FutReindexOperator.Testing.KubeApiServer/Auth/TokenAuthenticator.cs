using System.Collections.Concurrent;
using System.Security.Cryptography;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Resources;
using FutReindexOperator.Testing.KubeApiServer.Storage;

namespace FutReindexOperator.Testing.KubeApiServer.Auth;

/// <summary>
/// Bearer tokens to identities, as kube-apiserver's token authenticators do. The server issues the tokens: one for
/// the built-in admin (in the default kubeconfig), and more on request for users and ServiceAccounts. A request
/// without a token is <c>system:anonymous</c>; an unknown token, or a ServiceAccount token whose account no longer
/// exists, is refused with 401 as kube-apiserver refuses it.
/// </summary>
public sealed class TokenAuthenticator(ObjectStore store)
{
    private readonly ConcurrentDictionary<string, UserInfo> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<UserInfo, string> _issued = new();

    /// <summary>The built-in admin's token (group <c>system:masters</c>).</summary>
    public string AdminToken => Issue(UserInfo.Admin);

    /// <summary>A token for <paramref name="user"/>; the same user always gets the same token.</summary>
    public string Issue(UserInfo user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _issued.GetOrAdd(user, u =>
        {
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            _tokens[token] = u;
            return token;
        });
    }

    /// <summary>
    /// The identity of a request from its <c>Authorization</c> header: anonymous without one.
    /// </summary>
    /// <exception cref="ApiException">401 Unauthorized for an unknown token or a ServiceAccount that does not exist.</exception>
    public UserInfo Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return UserInfo.Anonymous;
        }

        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ||
            !_tokens.TryGetValue(header[bearer.Length..].Trim(), out var user))
        {
            throw Unauthorized();
        }

        if (UserInfo.TryParseServiceAccount(user.Name, out var ns, out var name) &&
            store.Get(BuiltInResources.ServiceAccounts.StorageKey, ns, name) is null)
        {
            throw Unauthorized();
        }

        return user;
    }

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");
}
