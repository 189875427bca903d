using FutReindexOperator.Runtime.Leadership;

namespace FutReindexOperator.Runtime.Tests.Leadership;

public sealed class AlwaysLeaderGateTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_Always_RunsWorkUntilStopped(CancellationToken cancellationToken)
    {
        var gate = new AlwaysLeaderGate();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = gate.RunAsync(
            async token =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, token);
            },
            stop.Token);
        await started.Task.WaitAsync(cancellationToken);
        gate.IsLeader.Should().BeTrue();
        await stop.CancelAsync();

        await running.WaitAsync(cancellationToken);
        running.IsCompletedSuccessfully.Should().BeTrue();
    }
}
