using k8s.Models;

namespace FutReindexOperator.Auth;

/// <summary>Reads one Secret by name (a single <c>get</c>, so RBAC can be narrow).</summary>
public interface ISecretReader
{
    /// <summary>The Secret, or null when it does not exist.</summary>
    Task<V1Secret?> ReadAsync(string namespaceName, string name, CancellationToken cancellationToken);
}
