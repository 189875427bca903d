using FutReindexOperator.Runtime.Diagnostics;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Leadership;

/// <summary>
/// <see cref="ILeaderElector"/> on KubernetesClient's <see cref="LeaderElector"/> with a <see cref="LeaseLock"/>:
/// <c>RunAndTryToHoldLeadershipForeverAsync</c> re-campaigns after every loss (plain <c>RunAsync</c> acquires once).
/// Errors of the elector and of the lock's HTTP calls are logged, never swallowed. Every successful acquire or renew
/// is timed on the monotonic clock from the moment it began, for <see cref="HoldsLease"/>.
/// </summary>
internal sealed class KubernetesLeaderElector : ILeaderElector, IDisposable
{
    private readonly IKubernetes _client;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LeaderElector _elector;

    // When the last successful acquire or renew began (TimeProvider timestamp); 0 when there is none to count on.
    private long _lastRenewalStarted;

    public KubernetesLeaderElector(IKubernetes client, LeaderElectionOptions options, TimeProvider time, ILogger<KubernetesLeaderElector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
        var lease = new LeaseLock(client, options.LeaseNamespace, options.LeaseName, options.Identity);
        lease.OnHttpError += error => _logger.LeaderElectionError(error, options.LeaseName);
        _elector = new LeaderElector(new LeaderElectionConfig(new RenewalTimingLock(lease, this))
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        });
        _elector.OnStartedLeading += () => StartedLeading?.Invoke();
        _elector.OnStoppedLeading += () => StoppedLeading?.Invoke();
        _elector.OnNewLeader += holder => _logger.NewLeader(options.LeaseName, holder);
        _elector.OnError += error => _logger.LeaderElectionError(error, options.LeaseName);
    }

    public event Action? StartedLeading;

    public event Action? StoppedLeading;

    public bool HoldsLease =>
        Interlocked.Read(ref _lastRenewalStarted) is var started and not 0
        && _time.GetElapsedTime(started) < _options.RenewDeadline
        && _elector.IsLeader();

    public Task RunAsync(CancellationToken cancellationToken) => _elector.RunAndTryToHoldLeadershipForeverAsync(cancellationToken);

    /// <summary>
    /// Clears the holder and shortens the lease to one second, as client-go's <c>ReleaseOnCancel</c> does: candidates
    /// treat an empty holder as free and take it on their next retry instead of waiting out the lease.
    /// </summary>
    public async Task<bool> ReleaseAsync(CancellationToken cancellationToken)
    {
        var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(
            _options.LeaseName, _options.LeaseNamespace, cancellationToken: cancellationToken);
        if (lease.Spec?.HolderIdentity != _options.Identity)
        {
            return false;
        }

        Interlocked.Exchange(ref _lastRenewalStarted, 0);
        var now = _time.GetUtcNow().UtcDateTime;
        lease.Spec.HolderIdentity = string.Empty;
        lease.Spec.LeaseDurationSeconds = 1;
        lease.Spec.AcquireTime = now;
        lease.Spec.RenewTime = now;
        await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(
            lease, _options.LeaseName, _options.LeaseNamespace, cancellationToken: cancellationToken);
        return true;
    }

    public void Dispose() => _elector.Dispose();

    /// <summary>The lease lock, timing each write that makes this instance the holder from the moment it began.</summary>
    private sealed class RenewalTimingLock(ILock inner, KubernetesLeaderElector owner) : ILock
    {
        public string Identity => inner.Identity;

        public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default) => inner.GetAsync(cancellationToken);

        public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
            TimedAsync(record, inner.CreateAsync, cancellationToken);

        public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
            TimedAsync(record, inner.UpdateAsync, cancellationToken);

        public string Describe() => inner.Describe();

        private async Task<bool> TimedAsync(
            LeaderElectionRecord record, Func<LeaderElectionRecord, CancellationToken, Task<bool>> write, CancellationToken cancellationToken)
        {
            var started = owner._time.GetTimestamp();
            var written = await write(record, cancellationToken);
            if (written && record.HolderIdentity == Identity)
            {
                Interlocked.Exchange(ref owner._lastRenewalStarted, started);
            }

            return written;
        }
    }
}
