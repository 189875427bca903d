using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FutReindexOperator.Kubernetes;

/// <summary><see cref="IServiceReader"/> through the API server; other errors than 404 propagate (the reconcile is retried).</summary>
public sealed class KubernetesServiceReader(IKubernetes client) : IServiceReader
{
    public async Task<V1Service?> ReadAsync(string namespaceName, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedServiceAsync(name, namespaceName, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
