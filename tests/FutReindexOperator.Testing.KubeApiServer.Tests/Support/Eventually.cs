namespace FutReindexOperator.Testing.KubeApiServer.Tests.Support;

/// <summary>Waits for a condition, checking it often, until the test's cancellation token fires.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new AssertionException($"timed out waiting until {what}");
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new AssertionException($"timed out waiting until {what}");
            }
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), what, cancellationToken);
}
