using FutReindexOperator.Benchmarks.Processes;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Benchmarks.Tests.Processes;

public sealed class ProcessSamplerTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task Samples_ClockAdvancedByIntervals_SamplesOncePerInterval(CancellationToken cancellationToken)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var rss = 0L;
        await using var sampler = new ProcessSampler(time => new ProcessSample(time, Interlocked.Add(ref rss, 1000), 0.5), TimeSpan.FromSeconds(1), clock);
        await WaitForAsync(() => sampler.Samples.Count >= 1, cancellationToken);

        for (var tick = 1; tick <= 3; tick++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var expected = tick + 1;
            await WaitForAsync(() => sampler.Samples.Count >= expected, cancellationToken);
        }

        sampler.Samples.Select(sample => sample.Time - DateTimeOffset.UnixEpoch).Should().Equal(
            TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PeakResidentBytes_SamplesBeforeAndAfter_CountsOnlyThoseSince(CancellationToken cancellationToken)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var values = new Queue<long>([900, 300, 500]);
        await using var sampler = new ProcessSampler(time => values.Count > 0 ? new ProcessSample(time, values.Dequeue(), 0) : null, TimeSpan.FromSeconds(1), clock);
        await WaitForAsync(() => sampler.Samples.Count >= 1, cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => sampler.Samples.Count >= 2, cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => sampler.Samples.Count >= 3, cancellationToken);

        sampler.PeakResidentBytes(DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(1)).Should().Be(500);
        sampler.PeakResidentBytes(DateTimeOffset.MinValue).Should().Be(900);
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
