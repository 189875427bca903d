using FutReindexOperator.Testing.KubeApiServer.Auth;
using FutReindexOperator.Testing.KubeApiServer.Resources;
using FutReindexOperator.Testing.KubeApiServer.Storage;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// Authorizes requests as kube-apiserver does with <c>--authorization-mode=RBAC</c>: members of <c>system:masters</c>
/// are allowed everything before RBAC is asked; everyone else gets what the RBAC objects stored in this server grant,
/// read afresh whenever one of them changed.
/// </summary>
public sealed class RbacAuthorizer(ObjectStore store)
{
    private static readonly string[] RbacKeys =
    [
        BuiltInResources.ClusterRoles.StorageKey, BuiltInResources.Roles.StorageKey,
        BuiltInResources.ClusterRoleBindings.StorageKey, BuiltInResources.RoleBindings.StorageKey,
    ];

    private readonly Lock _gate = new();
    private (long, int) _version = (-1, -1);
    private RbacPolicy _policy = RbacPolicy.Empty;

    public AuthorizationDecision Authorize(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.User.IsInGroup(UserInfo.Masters) ? new AuthorizationDecision(true, "") : Policy().Authorize(request);
    }

    /// <summary>The RBAC objects as stored now.</summary>
    public RbacPolicy Policy()
    {
        var listings = RbacKeys.Select(key => store.List(key, null, _ => true, 0, null, null).Items).ToArray();
        var version = (listings.SelectMany(items => items).Select(item => item.ResourceVersion).DefaultIfEmpty(0).Max(), listings.Sum(items => items.Count));
        lock (_gate)
        {
            if (version == _version)
            {
                return _policy;
            }

            _policy = new RbacPolicy(
                listings[0].Select(Read<V1ClusterRole>),
                listings[1].Select(Read<V1Role>),
                listings[2].Select(Read<V1ClusterRoleBinding>),
                listings[3].Select(Read<V1RoleBinding>));
            _version = version;
            return _policy;
        }
    }

    private static T Read<T>(StoredObject stored) => KubernetesJson.Deserialize<T>(stored.Json.GetRawText());
}
