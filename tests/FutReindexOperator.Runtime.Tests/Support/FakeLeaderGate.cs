using FutReindexOperator.Runtime.Leadership;

namespace FutReindexOperator.Runtime.Tests.Support;

/// <summary>A leader gate whose certainty a test switches: <see cref="IsLeader"/> false acts out a deposed, paused leader.</summary>
public sealed class FakeLeaderGate : ILeaderGate
{
    private volatile bool _isLeader = true;

    public bool IsLeader
    {
        get => _isLeader;
        set => _isLeader = value;
    }

    public Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken stoppingToken) =>
        throw new NotSupportedException("Only the certainty of this gate is used.");
}
