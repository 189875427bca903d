namespace FutReindexOperator.Runtime.Leadership;

/// <summary>The gate when leader election is off: this instance always leads (one replica only).</summary>
internal sealed class AlwaysLeaderGate : ILeaderGate
{
    public bool IsLeader => true;

    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        try
        {
            await whileLeading(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
