using k8s.Models;

namespace FutReindexOperator.Kubernetes;

/// <summary>Reads one Service by name (a single <c>get</c>, so RBAC can be narrow).</summary>
public interface IServiceReader
{
    /// <summary>The Service, or null when it does not exist.</summary>
    Task<V1Service?> ReadAsync(string namespaceName, string name, CancellationToken cancellationToken);
}
