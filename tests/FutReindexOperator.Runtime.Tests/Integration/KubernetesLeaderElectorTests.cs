using FutReindexOperator.Runtime.Leadership;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>The elector's own-clock certainty (client-go's renew deadline) against a real Lease on the API server.</summary>
public sealed class KubernetesLeaderElectorTests : ApiServerFixture
{
    [Test]
    [CancelAfter(20_000)]
    public async Task HoldsLease_OnlyWithinTheRenewDeadlineOfItsLastRenewal(CancellationToken cancellationToken)
    {
        var clock = new FakeTimeProvider();
        var options = new LeaderElectionOptions
        {
            LeaseName = UniqueName("lease"),
            LeaseNamespace = Namespace,
            Identity = "replica-a",
            LeaseDuration = TimeSpan.FromSeconds(40),
            RenewDeadline = TimeSpan.FromSeconds(30),

            // Long enough that no renewal happens while the test reads the clock.
            RetryPeriod = TimeSpan.FromSeconds(20),
        };
        using var elector = new KubernetesLeaderElector(Client, options, clock, NullLogger<KubernetesLeaderElector>.Instance);
        var elected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        elector.StartedLeading += elected.SetResult;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = elector.RunAsync(stop.Token);

        await elected.Task.WaitAsync(cancellationToken);
        var heldAfterRenewal = elector.HoldsLease;
        clock.Advance(options.RenewDeadline - TimeSpan.FromSeconds(1));
        var heldJustBeforeDeadline = elector.HoldsLease;

        // The process was paused past the deadline: the election has not run since, yet the lease is no longer counted on.
        clock.Advance(TimeSpan.FromSeconds(1));

        heldAfterRenewal.Should().BeTrue();
        heldJustBeforeDeadline.Should().BeTrue();
        elector.HoldsLease.Should().BeFalse();
        await stop.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task HoldsLease_AfterRelease_IsFalse(CancellationToken cancellationToken)
    {
        var options = new LeaderElectionOptions
        {
            LeaseName = UniqueName("lease"),
            LeaseNamespace = Namespace,
            Identity = "replica-a",
            RetryPeriod = TimeSpan.FromSeconds(5),
        };
        using var elector = new KubernetesLeaderElector(Client, options, TimeProvider.System, NullLogger<KubernetesLeaderElector>.Instance);
        var elected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        elector.StartedLeading += elected.SetResult;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = elector.RunAsync(stop.Token);
        await elected.Task.WaitAsync(cancellationToken);
        await stop.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        await elector.ReleaseAsync(cancellationToken);

        elector.HoldsLease.Should().BeFalse();
    }
}
