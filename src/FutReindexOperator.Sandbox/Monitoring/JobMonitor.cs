using FutReindexOperator.Sandbox.Cluster;
using FutReindexOperator.Sandbox.Display;
using FutReindexOperator.Testing.OperatorHost;

namespace FutReindexOperator.Sandbox.Monitoring;

/// <summary>Lists the jobs (and plans, when the board has any) every <see cref="RefreshInterval"/> and shows them until every job and plan settled, the timeout passed, the operator exited or the run is stopped.</summary>
public sealed class JobMonitor(ClusterInstaller installer, IJobView view, TextWriter output, TimeProvider timeProvider)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Watches <paramref name="board"/>'s jobs in <paramref name="namespaceName"/>; returns how long it watched.</summary>
    public async Task<TimeSpan> RunAsync(JobBoard board, string namespaceName, OperatorProcess operatorProcess, TimeSpan timeout, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(operatorProcess);
        var started = timeProvider.GetTimestamp();
        using var timer = new PeriodicTimer(RefreshInterval, timeProvider);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                board.Update(await installer.ListJobsAsync(namespaceName, stop), timeProvider.GetUtcNow());
                if (board.PlanRows.Count > 0)
                {
                    board.Update(await installer.ListPlansAsync(namespaceName, stop), timeProvider.GetUtcNow());
                }
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                // A fault profile may fail the sandbox's own list too; the next refresh lists again.
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }

            view.Show(board.Rows, board.Settled, timeProvider.GetElapsedTime(started), board.PlanRows);
            if (board.AllSettled || timeProvider.GetElapsedTime(started) >= timeout)
            {
                break;
            }

            if (operatorProcess.HasExited)
            {
                output.WriteLine($"The operator exited. Its last lines:{Environment.NewLine}{operatorProcess.Tail()}");
                break;
            }

            try
            {
                await timer.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return timeProvider.GetElapsedTime(started);
    }
}
