using System.Net;
using FutReindexOperator.Auth;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FutReindexOperator.Kubernetes;

/// <summary><see cref="ISecretReader"/> through the API server; other errors than 404 propagate (the reconcile is retried).</summary>
public sealed class KubernetesSecretReader(IKubernetes client) : ISecretReader
{
    public async Task<V1Secret?> ReadAsync(string namespaceName, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, namespaceName, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
