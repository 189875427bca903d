using FutReindexOperator.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace FutReindexOperator.Runtime.Leadership;

/// <summary>
/// Turns one <see cref="ILeaderElector"/>'s start and stop signals into terms of work for every controller that runs
/// through the gate: a term's token is cancelled the moment leadership is lost, so all reconciles stop at once; a
/// controller's next term starts only after its last one has ended, so terms never overlap in one process. The election
/// runs while at least one controller does; when the last one stops, the lease is released for a successor if this
/// instance still holds it (a replica that never led never touches it).
/// </summary>
internal sealed class LeaseLeaderGate : ILeaderGate, IDisposable
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);
    private readonly ILeaderElector _elector;
    private readonly string _leaseName;
    private readonly ILogger _logger;
    private readonly Gauge.Child _leaderStatus;
    private readonly Lock _gate = new();
    private readonly List<Participant> _participants = [];
    private CancellationTokenSource? _electionStop;
    private Task _election = Task.CompletedTask;
    private volatile bool _isLeader;
    private volatile bool _everLed;

    public LeaseLeaderGate(ILeaderElector elector, string leaseName, RuntimeMetrics metrics, ILogger<LeaseLeaderGate> logger)
    {
        ArgumentNullException.ThrowIfNull(elector);
        ArgumentNullException.ThrowIfNull(metrics);
        _elector = elector;
        _leaseName = leaseName;
        _logger = logger;
        _leaderStatus = metrics.LeaderStatus.WithLabels(leaseName);
        _leaderStatus.Set(0);
        _elector.StartedLeading += OnStartedLeading;
        _elector.StoppedLeading += OnStoppedLeading;
    }

    public bool IsLeader => _isLeader && _elector.HoldsLease;

    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        var participant = new Participant(whileLeading, stoppingToken);
        lock (_gate)
        {
            _participants.Add(participant);
            if (_isLeader)
            {
                participant.StartTerm();
            }

            if (_electionStop is null)
            {
                _electionStop = new CancellationTokenSource();
                _election = RunElectionAsync(_electionStop.Token);
            }
        }

        await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        CancellationTokenSource? electionStop = null;
        lock (_gate)
        {
            _participants.Remove(participant);
            participant.EndTerm();
            if (_participants.Count == 0)
            {
                electionStop = _electionStop;
                _electionStop = null;
            }
        }

        await participant.AwaitWorkAsync();
        if (electionStop is not null)
        {
            await electionStop.CancelAsync();
            await _election;
            electionStop.Dispose();
            if (_everLed)
            {
                await ReleaseAsync();
            }
        }
    }

    public void Dispose()
    {
        _elector.StartedLeading -= OnStartedLeading;
        _elector.StoppedLeading -= OnStoppedLeading;
        _electionStop?.Dispose();
    }

    private async Task RunElectionAsync(CancellationToken stop)
    {
        try
        {
            await _elector.RunAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The last controller stopped.
        }
    }

    private void OnStartedLeading()
    {
        lock (_gate)
        {
            _isLeader = true;
            _everLed = true;
            _leaderStatus.Set(1);
            foreach (var participant in _participants)
            {
                participant.StartTerm();
            }
        }

        _logger.LeadershipAcquired(_leaseName);
    }

    private void OnStoppedLeading()
    {
        lock (_gate)
        {
            if (!_isLeader)
            {
                return;
            }

            _isLeader = false;
            _leaderStatus.Set(0);
            foreach (var participant in _participants)
            {
                participant.EndTerm();
            }
        }

        _logger.LeadershipLost(_leaseName);
    }

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            if (await _elector.ReleaseAsync(timeout.Token))
            {
                _logger.LeaseReleased(_leaseName);
            }
            else
            {
                _logger.LeaseNotHeld(_leaseName);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The lease then expires on its own; a successor waits one lease duration.
            _logger.LeaseReleaseFailed(exception, _leaseName);
        }
    }

    /// <summary>One controller's work under the gate: its current term and the chain of its terms' work.</summary>
    private sealed class Participant(Func<CancellationToken, Task> whileLeading, CancellationToken stoppingToken)
    {
        private CancellationTokenSource? _term;
        private Task _work = Task.CompletedTask;

        /// <summary>Called under the gate's lock.</summary>
        public void StartTerm()
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var previousTerm = _term;
            var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _term = term;
            _work = RunTermAsync(_work, previousTerm, term.Token);
        }

        /// <summary>Called under the gate's lock.</summary>
        public void EndTerm() => _term?.Cancel();

        /// <summary>Waits for the last term's work; a failure other than cancellation propagates (and stops the host).</summary>
        public async Task AwaitWorkAsync()
        {
            try
            {
                await _work;
            }
            catch (OperationCanceledException)
            {
                // The term's work ended by cancellation, as it should.
            }
            finally
            {
                _term?.Dispose();
            }
        }

        private async Task RunTermAsync(Task previousWork, CancellationTokenSource? previousTerm, CancellationToken term)
        {
            // The previous term ended by cancellation; only its end matters here, not how.
            await previousWork.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            previousTerm?.Dispose();
            if (!term.IsCancellationRequested)
            {
                await whileLeading(term);
            }
        }
    }
}
