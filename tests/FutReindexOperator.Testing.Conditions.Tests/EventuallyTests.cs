using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Testing.Conditions.Tests;

public sealed class EventuallyTests
{
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp() => _time = new FakeTimeProvider();

    [Test]
    public void UntilAsync_ConditionAlreadyHolds_CompletesWithoutWaiting()
    {
        var wait = Eventually.UntilAsync(() => true, CancellationToken.None, timeProvider: _time);

        wait.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_ConditionComesToHold_CompletesAtTheNextCheck(CancellationToken cancellationToken)
    {
        var holds = false;
        var wait = Eventually.UntilAsync(() => Volatile.Read(ref holds), cancellationToken, timeProvider: _time);
        wait.IsCompleted.Should().BeFalse();

        Volatile.Write(ref holds, true);
        _time.Advance(Eventually.DefaultInterval);

        await wait.WaitAsync(cancellationToken);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_TimeoutPasses_ThrowsTimeoutSayingWhatWasAwaited(CancellationToken cancellationToken)
    {
        var wait = Eventually.UntilAsync(() => false, cancellationToken, timeProvider: _time, what: "the flag is set");

        _time.Advance(Eventually.DefaultTimeout);

        await wait.Awaiting(task => task.WaitAsync(cancellationToken))
            .Should().ThrowExactlyAsync<TimeoutException>().WithMessage("timed out after 10 s waiting until the flag is set");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_NoWhatGiven_NamesTheConditionsSourceText(CancellationToken cancellationToken)
    {
        var queued = new Queue<int>([1]);
        var wait = Eventually.UntilAsync(() => queued.Count == 0, cancellationToken, timeProvider: _time);

        _time.Advance(Eventually.DefaultTimeout);

        await wait.Awaiting(task => task.WaitAsync(cancellationToken))
            .Should().ThrowExactlyAsync<TimeoutException>().WithMessage("timed out after 10 s waiting until queued.Count == 0");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_SubSecondTimeout_StatesItInMilliseconds(CancellationToken cancellationToken)
    {
        var wait = Eventually.UntilAsync(() => false, cancellationToken, TimeSpan.FromMilliseconds(250), timeProvider: _time, what: "never");

        _time.Advance(TimeSpan.FromMilliseconds(250));

        await wait.Awaiting(task => task.WaitAsync(cancellationToken))
            .Should().ThrowExactlyAsync<TimeoutException>().WithMessage("timed out after 250 ms waiting until never");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_CallerCancels_ThrowsOperationCanceled(CancellationToken cancellationToken)
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = Eventually.UntilAsync(() => false, caller.Token, timeProvider: _time);

        await caller.CancelAsync();

        await wait.Awaiting(task => task.WaitAsync(cancellationToken)).Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_InfiniteTimeout_WaitsUntilTheCallerCancels(CancellationToken cancellationToken)
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = Eventually.UntilAsync(() => false, caller.Token, Timeout.InfiniteTimeSpan, timeProvider: _time);

        _time.Advance(TimeSpan.FromHours(1));
        await caller.CancelAsync();

        await wait.Awaiting(task => task.WaitAsync(cancellationToken)).Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_ConditionThrows_PropagatesItsException(CancellationToken cancellationToken)
    {
        var wait = Eventually.UntilAsync(() => throw new InvalidOperationException("broken probe"), cancellationToken, timeProvider: _time);

        await wait.Awaiting(task => task.WaitAsync(cancellationToken))
            .Should().ThrowExactlyAsync<InvalidOperationException>().WithMessage("broken probe");
    }

    [Test]
    public void UntilAsync_TimeoutNotPositive_ThrowsNamingTimeout()
    {
        Action start = () => _ = Eventually.UntilAsync(() => true, CancellationToken.None, TimeSpan.Zero);

        start.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("timeout");
    }

    [Test]
    public void UntilAsync_IntervalNotPositive_ThrowsNamingInterval()
    {
        Action start = () => _ = Eventually.UntilAsync(() => true, CancellationToken.None, interval: TimeSpan.Zero);

        start.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("interval");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_AsyncConditionComesToHold_CompletesAtTheNextCheck(CancellationToken cancellationToken)
    {
        var checks = 0;
        var wait = Eventually.UntilAsync(_ => Task.FromResult(Interlocked.Increment(ref checks) == 2), cancellationToken, timeProvider: _time);
        wait.IsCompleted.Should().BeFalse();

        _time.Advance(Eventually.DefaultInterval);

        await wait.WaitAsync(cancellationToken);
        checks.Should().Be(2);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_AsyncConditionHangsPastTheTimeout_ThrowsTimeout(CancellationToken cancellationToken)
    {
        var wait = Eventually.UntilAsync(
            async token =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                return true;
            },
            cancellationToken,
            timeProvider: _time,
            what: "the check answers");

        _time.Advance(Eventually.DefaultTimeout);

        await wait.Awaiting(task => task.WaitAsync(cancellationToken))
            .Should().ThrowExactlyAsync<TimeoutException>().WithMessage("timed out after 10 s waiting until the check answers");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_AsyncConditionWithoutWhat_NamesItsBodyWithoutTheLambdaHead(CancellationToken cancellationToken)
    {
        var answers = new Queue<bool>([false]);
        var wait = Eventually.UntilAsync(async token => await Task.FromResult(answers.Count == 0), cancellationToken, timeProvider: _time);

        _time.Advance(Eventually.DefaultTimeout);

        await wait.Awaiting(task => task.WaitAsync(cancellationToken))
            .Should().ThrowExactlyAsync<TimeoutException>().WithMessage("timed out after 10 s waiting until await Task.FromResult(answers.Count == 0)");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_ProbeReadsNothingYet_ReturnsTheFirstValueItReads(CancellationToken cancellationToken)
    {
        var reads = new Queue<string?>([null, "ready"]);
        var wait = Eventually.UntilAsync(_ => Task.FromResult(reads.Dequeue()), value => value.StartsWith('r'), cancellationToken, timeProvider: _time);

        _time.Advance(Eventually.DefaultInterval);

        (await wait.WaitAsync(cancellationToken)).Should().Be("ready");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_AcceptRejectsAValue_ReturnsTheFirstAcceptedValue(CancellationToken cancellationToken)
    {
        var reads = new Queue<string?>(["starting", "ready"]);
        var wait = Eventually.UntilAsync(_ => Task.FromResult(reads.Dequeue()), value => value == "ready", cancellationToken, timeProvider: _time);

        _time.Advance(Eventually.DefaultInterval);

        (await wait.WaitAsync(cancellationToken)).Should().Be("ready");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task UntilAsync_ProbeNeverAccepted_ThrowsTimeoutNamingTheAcceptSourceText(CancellationToken cancellationToken)
    {
        var wait = Eventually.UntilAsync(_ => Task.FromResult<string?>("starting"), value => value == "ready", cancellationToken, timeProvider: _time);

        _time.Advance(Eventually.DefaultTimeout);

        await wait.Awaiting(task => task.WaitAsync(cancellationToken))
            .Should().ThrowExactlyAsync<TimeoutException>().WithMessage("timed out after 10 s waiting until value == \"ready\"");
    }
}
