using FutReindexOperator.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace FutReindexOperator.Runtime.Leadership;

/// <summary>
/// Turns an <see cref="ILeaderElector"/>'s start and stop signals into terms of work: a term's token is cancelled the
/// moment leadership is lost, so all reconciles stop at once; the next term starts only after the last one's work has
/// ended, so two terms never overlap in one process. On shutdown the lease is released.
/// </summary>
public sealed class LeaseLeaderGate : ILeaderGate
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);
    private readonly ILeaderElector _elector;
    private readonly string _leaseName;
    private readonly ILogger _logger;
    private readonly Gauge.Child _leaderStatus;
    private readonly Lock _gate = new();
    private CancellationTokenSource? _term;
    private Task _work = Task.CompletedTask;
    private volatile bool _isLeader;

    public LeaseLeaderGate(ILeaderElector elector, string leaseName, RuntimeMetrics metrics, ILogger<LeaseLeaderGate> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _elector = elector;
        _leaseName = leaseName;
        _logger = logger;
        _leaderStatus = metrics.LeaderStatus.WithLabels(leaseName);
        _leaderStatus.Set(0);
    }

    public bool IsLeader => _isLeader;

    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        void OnStarted() => StartTerm(whileLeading, stoppingToken);
        _elector.StartedLeading += OnStarted;
        _elector.StoppedLeading += EndTerm;
        try
        {
            await _elector.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            _elector.StartedLeading -= OnStarted;
            _elector.StoppedLeading -= EndTerm;
            EndTerm();
            await AwaitWorkAsync();
            await ReleaseAsync();
        }
    }

    private void StartTerm(Func<CancellationToken, Task> whileLeading, CancellationToken stoppingToken)
    {
        lock (_gate)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            _term?.Dispose();
            var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _term = term;
            _isLeader = true;
            _leaderStatus.Set(1);
            var previous = _work;
            _work = RunTermAsync(previous, whileLeading, term.Token);
        }

        _logger.LeadershipAcquired(_leaseName);
    }

    private void EndTerm()
    {
        lock (_gate)
        {
            if (!_isLeader)
            {
                return;
            }

            _isLeader = false;
            _leaderStatus.Set(0);
            _term?.Cancel();
        }

        _logger.LeadershipLost(_leaseName);
    }

    private static async Task RunTermAsync(Task previous, Func<CancellationToken, Task> whileLeading, CancellationToken term)
    {
        // The previous term ended by cancellation; only its end matters here, not how.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!term.IsCancellationRequested)
        {
            await whileLeading(term);
        }
    }

    private async Task AwaitWorkAsync()
    {
        Task work;
        lock (_gate)
        {
            work = _work;
        }

        try
        {
            await work;
        }
        catch (OperationCanceledException)
        {
            // The term's work ended by cancellation, as it should.
        }
    }

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            await _elector.ReleaseAsync(timeout.Token);
            _logger.LeaseReleased(_leaseName);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The lease then expires on its own; a successor waits one lease duration.
            _logger.LeaseReleaseFailed(exception, _leaseName);
        }
    }
}
