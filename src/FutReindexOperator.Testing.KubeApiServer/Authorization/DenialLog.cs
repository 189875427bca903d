using System.Collections.Concurrent;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// Every request the server refused with 403 Forbidden, so a test can assert that a client (the operator's
/// ServiceAccount) was never refused, or read what it lacked. Unbounded: refusals are rare by design.
/// </summary>
public sealed class DenialLog
{
    private readonly ConcurrentQueue<Denial> _denials = new();

    public IReadOnlyList<Denial> All => _denials.ToArray();

    /// <summary>The refusals of requests made as <paramref name="userName"/>.</summary>
    public IReadOnlyList<Denial> For(string userName) => [.. _denials.Where(d => d.User == userName)];

    public void Add(Denial denial) => _denials.Enqueue(denial);

    public void Clear() => _denials.Clear();
}
