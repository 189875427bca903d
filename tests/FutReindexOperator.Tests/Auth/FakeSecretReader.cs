using FutReindexOperator.Auth;
using k8s.Models;

namespace FutReindexOperator.Tests.Auth;

/// <summary>Secrets held in memory, recording every read.</summary>
internal sealed class FakeSecretReader : ISecretReader
{
    private readonly Dictionary<(string Namespace, string Name), V1Secret> _secrets = [];

    public List<(string Namespace, string Name)> Reads { get; } = [];

    public void Put(string namespaceName, string name, Dictionary<string, string> values)
        => _secrets[(namespaceName, name)] = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = namespaceName },
            Data = values.ToDictionary(pair => pair.Key, pair => System.Text.Encoding.UTF8.GetBytes(pair.Value)),
        };

    public Task<V1Secret?> ReadAsync(string namespaceName, string name, CancellationToken cancellationToken)
    {
        Reads.Add((namespaceName, name));
        return Task.FromResult(_secrets.GetValueOrDefault((namespaceName, name)));
    }
}
