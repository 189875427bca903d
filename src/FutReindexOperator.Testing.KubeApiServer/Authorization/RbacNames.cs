namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// RBAC objects are named by path segment rules, not DNS rules (kube-apiserver's <c>ValidateRBACName</c>), so
/// <c>system:discovery</c> and <c>fut:reader</c> are valid names.
/// </summary>
public static class RbacNames
{
    public const string Group = "rbac.authorization.k8s.io";

    /// <summary>What is wrong with <paramref name="name"/> as kube-apiserver words it, or null when it is valid.</summary>
    public static string? Problem(string name) => name switch
    {
        "." => "may not be '.'",
        ".." => "may not be '..'",
        _ when name.Contains('/', StringComparison.Ordinal) => "may not contain '/'",
        _ when name.Contains('%', StringComparison.Ordinal) => "may not contain '%'",
        _ => null,
    };
}
