using System.Diagnostics;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Testing.Conditions;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>Two runtime instances sharing a Lease on the API server.</summary>
public sealed class LeaderElectionTests : ApiServerFixture
{
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(500);

    private readonly List<RuntimeInstance> _instances = [];
    private string _leaseName = null!;

    [SetUp]
    public void NameLease() => _leaseName = UniqueName("lease");

    [TearDown]
    public async Task StopInstancesAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _instances.Clear();
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task TwoInstances_ExactlyOneReconciles(CancellationToken cancellationToken)
    {
        var first = await StartCandidateAsync("first", TimeSpan.FromSeconds(3), cancellationToken);
        var second = await StartCandidateAsync("second", TimeSpan.FromSeconds(3), cancellationToken);
        string? holder = null;
        await Eventually.UntilAsync(async token => (holder = await HolderAsync(token)) is { Length: > 0 }, cancellationToken);
        var names = Enumerable.Range(0, 5).Select(_ => UniqueName()).ToList();
        foreach (var name in names)
        {
            await CreateWidgetAsync(name, cancellationToken);
        }

        foreach (var name in names)
        {
            await Eventually.UntilAsync(async token => (await GetWidgetAsync(name, token)).Status?.Phase == "Reconciled", cancellationToken);
        }

        var leader = holder == first.Identity ? first : second;
        var standby = holder == first.Identity ? second : first;
        leader.Script.Calls.Select(call => call.Key.Name).Should().Contain(names);
        standby.Script.Calls.Should().BeEmpty();
        leader.Services.GetRequiredService<ILeaderGate>().IsLeader.Should().BeTrue();
        standby.Services.GetRequiredService<ILeaderGate>().IsLeader.Should().BeFalse();
        standby.HasSynced.Should().BeTrue("a standby keeps its cache warm and reports ready");
        (await Metric.ValueAsync(standby.Metrics.Registry, $"leader_election_master_status{{name=\"{_leaseName}\"}}", cancellationToken)).Should().Be(0);
        (await Metric.ValueAsync(leader.Metrics.Registry, $"leader_election_master_status{{name=\"{_leaseName}\"}}", cancellationToken)).Should().Be(1);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task LeaderStoppedAbruptly_OtherTakesOverWithinTheLeaseDuration(CancellationToken cancellationToken)
    {
        var leaseDuration = TimeSpan.FromSeconds(3);
        var first = await StartCandidateAsync("first", leaseDuration, cancellationToken);
        await Eventually.UntilAsync(async token => await HolderAsync(token) == first.Identity, cancellationToken);
        var second = await StartCandidateAsync("second", leaseDuration, cancellationToken);

        var clock = Stopwatch.StartNew();
        await first.KillAsync(cancellationToken);
        var name = UniqueName("after");
        await CreateWidgetAsync(name, cancellationToken);
        await Eventually.UntilAsync(() => second.Script.CallsFor(new ObjectKey(Namespace, name)) > 0, cancellationToken);
        var takeover = clock.Elapsed;

        TestContext.Out.WriteLine($"Abrupt stop: takeover after {takeover.TotalMilliseconds:F0} ms (lease {leaseDuration.TotalMilliseconds:F0} ms).");
        takeover.Should().BeLessThan(
            leaseDuration + (3 * RetryPeriod),
            "the successor waits out the lease it last saw renewed, polling every retry period (with jitter)");
        (await HolderAsync(cancellationToken)).Should().Be(second.Identity);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task LeaderStoppedGracefully_OtherTakesOverAtOnce(CancellationToken cancellationToken)
    {
        var leaseDuration = TimeSpan.FromSeconds(15);
        var first = await StartCandidateAsync("first", leaseDuration, cancellationToken);
        await Eventually.UntilAsync(async token => await HolderAsync(token) == first.Identity, cancellationToken);
        var second = await StartCandidateAsync("second", leaseDuration, cancellationToken);

        var clock = Stopwatch.StartNew();
        await first.StopAsync(cancellationToken);
        var name = UniqueName("after");
        await CreateWidgetAsync(name, cancellationToken);
        await Eventually.UntilAsync(() => second.Script.CallsFor(new ObjectKey(Namespace, name)) > 0, cancellationToken);
        var takeover = clock.Elapsed;

        TestContext.Out.WriteLine($"Graceful stop: takeover after {takeover.TotalMilliseconds:F0} ms (lease {leaseDuration.TotalMilliseconds:F0} ms).");
        takeover.Should().BeLessThan(TimeSpan.FromSeconds(5), "the released lease is free at once; only the successor's next retry is waited for");
        (await HolderAsync(cancellationToken)).Should().Be(second.Identity);
    }

    private async Task<RuntimeInstance> StartCandidateAsync(string identity, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var instance = await StartRuntimeAsync(
            identity,
            cancellationToken,
            settings =>
            {
                settings["OperatorRuntime:LeaderElection:Enabled"] = "true";
                settings["OperatorRuntime:LeaderElection:LeaseName"] = _leaseName;
                settings["OperatorRuntime:LeaderElection:LeaseNamespace"] = Namespace;
                settings["OperatorRuntime:LeaderElection:LeaseDuration"] = leaseDuration.ToString();
                settings["OperatorRuntime:LeaderElection:RenewDeadline"] = (leaseDuration * 2 / 3).ToString();
                settings["OperatorRuntime:LeaderElection:RetryPeriod"] = RetryPeriod.ToString();
            });
        _instances.Add(instance);
        return instance;
    }

    private async Task<string?> HolderAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await Client.CoordinationV1.ReadNamespacedLeaseAsync(_leaseName, Namespace, cancellationToken: cancellationToken)).Spec?.HolderIdentity;
        }
        catch (k8s.Autorest.HttpOperationException exception) when (exception.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
