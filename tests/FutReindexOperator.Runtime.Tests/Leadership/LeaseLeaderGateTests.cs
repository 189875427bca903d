using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Testing.Conditions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Leadership;

public sealed class LeaseLeaderGateTests
{
    private FakeLeaderElector _elector = null!;
    private RuntimeMetrics _metrics = null!;
    private LeaseLeaderGate _gate = null!;
    private CancellationTokenSource _stop = null!;
    private List<Term> _terms = null!;

    [SetUp]
    public void SetUp()
    {
        _elector = new FakeLeaderElector();
        _metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());
        _gate = new LeaseLeaderGate(_elector, "widgets-leader", _metrics, NullLogger<LeaseLeaderGate>.Instance);
        _stop = new CancellationTokenSource();
        _terms = [];
    }

    [TearDown]
    public void TearDown()
    {
        _stop.Dispose();
        _gate.Dispose();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_NotElected_StartsNoWork(CancellationToken cancellationToken)
    {
        var running = StartGate();
        await _elector.Running.WaitAsync(cancellationToken);

        _terms.Should().BeEmpty();
        _gate.IsLeader.Should().BeFalse();

        await StopAsync(running, cancellationToken);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_Elected_StartsWorkAndReportsLeader(CancellationToken cancellationToken)
    {
        var running = StartGate();
        await _elector.Running.WaitAsync(cancellationToken);

        _elector.Elect();
        var term = await NextTermAsync(0, cancellationToken);

        term.Token.IsCancellationRequested.Should().BeFalse();
        _gate.IsLeader.Should().BeTrue();
        (await Metric.ValueAsync(_metrics.Registry, "leader_election_master_status{name=\"widgets-leader\"}", cancellationToken)).Should().Be(1);

        await StopAsync(running, cancellationToken);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task IsLeader_ElectedButLeaseNoLongerCertainByItsOwnClock_IsFalse(CancellationToken cancellationToken)
    {
        var running = StartGate();
        await _elector.Running.WaitAsync(cancellationToken);
        _elector.Elect();
        await NextTermAsync(0, cancellationToken);

        // A pause longer than the renew deadline, before the election itself has noticed.
        _elector.HoldsLease = false;

        _gate.IsLeader.Should().BeFalse();
        var fenced = () => _gate.ThrowIfNotLeading("status patch of Widget ns/a");
        fenced.Should().Throw<LeadershipUncertainException>().WithMessage("*status patch of Widget ns/a not done*");

        await StopAsync(running, cancellationToken);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_LeadershipLost_CancelsTheTermAtOnce(CancellationToken cancellationToken)
    {
        var running = StartGate();
        await _elector.Running.WaitAsync(cancellationToken);
        _elector.Elect();
        var term = await NextTermAsync(0, cancellationToken);

        _elector.Depose();

        term.Token.IsCancellationRequested.Should().BeTrue();
        _gate.IsLeader.Should().BeFalse();
        (await Metric.ValueAsync(_metrics.Registry, "leader_election_master_status{name=\"widgets-leader\"}", cancellationToken)).Should().Be(0);

        await StopAsync(running, cancellationToken);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_ReElectedBeforeOldWorkEnded_StartsNewTermOnlyAfterOldOneEnds(CancellationToken cancellationToken)
    {
        var running = StartGate(endsOnCancel: false);
        await _elector.Running.WaitAsync(cancellationToken);
        _elector.Elect();
        var first = await NextTermAsync(0, cancellationToken);
        _elector.Depose();

        _elector.Elect();
        Terms().Should().HaveCount(1);
        first.Finish();
        var second = await NextTermAsync(1, cancellationToken);

        second.Token.IsCancellationRequested.Should().BeFalse();
        await StopAsync(running, cancellationToken);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_Stopped_CancelsWorkWaitsForItAndReleasesLease(CancellationToken cancellationToken)
    {
        var running = StartGate();
        await _elector.Running.WaitAsync(cancellationToken);
        _elector.Elect();
        var term = await NextTermAsync(0, cancellationToken);

        await StopAsync(running, cancellationToken);

        term.Token.IsCancellationRequested.Should().BeTrue();
        term.Ended.Should().BeTrue();
        _elector.Releases.Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_TwoControllers_BothLeadTogetherAndLeaseIsReleasedOnceAfterBothStop(CancellationToken cancellationToken)
    {
        using var secondStop = new CancellationTokenSource();
        var secondTerm = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = StartGate();
        var second = _gate.RunAsync(
            async token =>
            {
                secondTerm.TrySetResult(token);
                await Task.Delay(Timeout.Infinite, token);
            },
            secondStop.Token);
        await _elector.Running.WaitAsync(cancellationToken);

        _elector.Elect();
        var firstToken = (await NextTermAsync(0, cancellationToken)).Token;
        var secondToken = await secondTerm.Task.WaitAsync(cancellationToken);
        _elector.Depose();

        firstToken.IsCancellationRequested.Should().BeTrue();
        secondToken.IsCancellationRequested.Should().BeTrue();
        await secondStop.CancelAsync();
        await second.WaitAsync(cancellationToken);
        _elector.Releases.Should().Be(0, "the other controller still runs the election");
        await StopAsync(first, cancellationToken);
        _elector.Releases.Should().Be(1);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_StoppedWithoutEverLeading_LeavesTheLeaseAloneAndClaimsNoRelease(CancellationToken cancellationToken)
    {
        var logger = new FakeLogger<LeaseLeaderGate>();
        using var gate = new LeaseLeaderGate(_elector, "widgets-leader", _metrics, logger);
        var running = gate.RunAsync(token => Task.Delay(Timeout.Infinite, token), _stop.Token);
        await _elector.Running.WaitAsync(cancellationToken);

        await _stop.CancelAsync();
        await running.WaitAsync(cancellationToken);

        _elector.Releases.Should().Be(0);
        logger.Collector.GetSnapshot().Should().NotContain(record => record.Message.Contains("lease", StringComparison.OrdinalIgnoreCase));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task RunAsync_StoppedAfterAnotherReplicaTookTheLease_SaysThereWasNothingToRelease(CancellationToken cancellationToken)
    {
        var logger = new FakeLogger<LeaseLeaderGate>();
        using var gate = new LeaseLeaderGate(_elector, "widgets-leader", _metrics, logger);
        var running = gate.RunAsync(token => Task.Delay(Timeout.Infinite, token), _stop.Token);
        await _elector.Running.WaitAsync(cancellationToken);
        _elector.Elect();
        _elector.Depose();
        _elector.ReleaseAnswer = false;

        await _stop.CancelAsync();
        await running.WaitAsync(cancellationToken);

        var messages = logger.Collector.GetSnapshot().Select(record => record.Message).ToList();
        messages.Should().Contain("Lease widgets-leader is held by another replica by now; nothing to release");
        messages.Should().NotContain(message => message.StartsWith("Released lease", StringComparison.Ordinal));
    }

    private Task StartGate(bool endsOnCancel = true) => _gate.RunAsync(
        async token =>
        {
            var term = new Term(token);
            lock (_terms)
            {
                _terms.Add(term);
            }

            try
            {
                await (endsOnCancel ? Task.Delay(Timeout.Infinite, token) : term.Finished);
            }
            finally
            {
                term.Ended = true;
            }
        },
        _stop.Token);

    private async Task<Term> NextTermAsync(int index, CancellationToken cancellationToken)
    {
        await Eventually.UntilAsync(() => Terms().Count > index, cancellationToken);
        return Terms()[index];
    }

    private List<Term> Terms()
    {
        lock (_terms)
        {
            return [.. _terms];
        }
    }

    private async Task StopAsync(Task running, CancellationToken cancellationToken)
    {
        foreach (var term in Terms())
        {
            term.Finish();
        }

        await _stop.CancelAsync();
        await running.WaitAsync(cancellationToken);
    }

    private sealed class Term(CancellationToken token)
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Token { get; } = token;

        public Task Finished => _finished.Task;

        public bool Ended { get; set; }

        public void Finish() => _finished.TrySetResult();
    }
}
