using System.Net;
using FutReindexOperator.Auth;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FutReindexOperator.Kubernetes;

/// <summary>
/// <see cref="IServiceReader"/> and <see cref="ISecretReader"/> through the API server, one <c>get</c> each: a 404 is an
/// answer (null); other errors propagate (the reconcile is retried).
/// </summary>
public sealed class KubernetesReader(IKubernetes client) : IServiceReader, ISecretReader
{
    Task<V1Service?> IServiceReader.ReadAsync(string namespaceName, string name, CancellationToken cancellationToken) =>
        NullWhenNotFoundAsync(client.CoreV1.ReadNamespacedServiceAsync(name, namespaceName, cancellationToken: cancellationToken));

    Task<V1Secret?> ISecretReader.ReadAsync(string namespaceName, string name, CancellationToken cancellationToken) =>
        NullWhenNotFoundAsync(client.CoreV1.ReadNamespacedSecretAsync(name, namespaceName, cancellationToken: cancellationToken));

    private static async Task<T?> NullWhenNotFoundAsync<T>(Task<T> read)
        where T : class
    {
        try
        {
            return await read;
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
