namespace FutReindexOperator.Testing.OperatorHost;

/// <summary>Which of the repository's RBAC installs the operator's ServiceAccount gets (see config/default and config/namespaced).</summary>
public enum OperatorRbac
{
    /// <summary>config/rbac: the ClusterRole and ClusterRoleBinding, and the leader-election Role; the operator watches every namespace.</summary>
    ClusterWide,

    /// <summary>
    /// config/rbac/namespaced and leader-election: the Role and RoleBinding, copied into the jobs' namespace as their
    /// comment says, and the operator limited to that namespace (<c>OperatorRuntime__Namespaces__0</c>).
    /// </summary>
    Namespaced,
}
