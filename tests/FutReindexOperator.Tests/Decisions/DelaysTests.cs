using FutReindexOperator.Decisions;
using FutReindexOperator.Model;

namespace FutReindexOperator.Tests.Decisions;

public sealed class DelaysTests
{
    [TestCase(0, 15)]
    [TestCase(1, 15)]
    [TestCase(2, 30)]
    [TestCase(3, 60)]
    [TestCase(10, 60)]
    public void PollInterval_WithoutJitter_DoublesFromFirstUpToMax(int pollsDone, int seconds)
    {
        var polling = Polling(jitterPercent: 0);

        Delays.PollInterval(polling, pollsDone, 0.9).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Test]
    public void PollInterval_FullJitterSample_AddsTheJitterPercentage()
    {
        Delays.PollInterval(Polling(jitterPercent: 20), 0, 1).Should().Be(TimeSpan.FromSeconds(18));
    }

    [TestCase(1, 5)]
    [TestCase(2, 10)]
    [TestCase(7, 300)]
    public void Backoff_Failures_DoublesUpToTheCap(int failures, int seconds)
    {
        Delays.Backoff(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), failures).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Test]
    public void Later_BeyondTheLatestTime_SaturatesInsteadOfOverflowing()
    {
        Delays.Later(DateTimeOffset.MaxValue.AddDays(-1), TimeSpan.MaxValue).Should().Be(DateTimeOffset.MaxValue);
    }

    [Test]
    public void Backoff_HugeBaseAndCap_StaysWithinTheLongestDelay()
    {
        Delays.Backoff(TimeSpan.MaxValue, TimeSpan.MaxValue, 40).Should().Be(Delays.Longest);
    }

    [Test]
    public void WithJitter_HugeDelay_StaysWithinTheLongestDelay()
    {
        Delays.WithJitter(TimeSpan.MaxValue, 100, 0.99).Should().Be(Delays.Longest);
    }

    private static EffectivePolling Polling(int jitterPercent)
        => EffectivePolling.Resolve(new PollingSpec { JitterPercent = jitterPercent }, new PollingDefaults());
}
