using FutReindexOperator.Runtime.Queue;

namespace FutReindexOperator.Runtime.Tests.Queue;

public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(1000);

    [TestCase(1, 5)]
    [TestCase(2, 10)]
    [TestCase(3, 20)]
    [TestCase(10, 2560)]
    public void Exponential_ConsecutiveFailures_DoublesFromBase(int failures, int expectedMilliseconds) =>
        Backoff.Exponential(failures, Base, Max).Should().Be(TimeSpan.FromMilliseconds(expectedMilliseconds));

    [TestCase(19)]
    [TestCase(100)]
    [TestCase(int.MaxValue)]
    public void Exponential_ManyFailures_StaysAtCap(int failures) =>
        Backoff.Exponential(failures, Base, Max).Should().Be(Max);

    [Test]
    public void Exponential_ZeroFailures_IsRejected()
    {
        var act = () => Backoff.Exponential(0, Base, Max);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("failures");
    }

    [Test]
    public void Exponential_HugeBaseAndCap_SaturatesInsteadOfOverflowing() =>
        Backoff.Exponential(40, TimeSpan.MaxValue, TimeSpan.MaxValue).Should().Be(TimeSpan.MaxValue);

    [Test]
    public void Exponential_ZeroBase_StaysZero() =>
        Backoff.Exponential(int.MaxValue, TimeSpan.Zero, Max).Should().Be(TimeSpan.Zero);

    [TestCase(0.0, 1000)]
    [TestCase(0.5, 1100)]
    [TestCase(1.0, 1200)]
    public void Jittered_Sample_LengthensByUpToTheFactor(double sample, double expectedMilliseconds) =>
        Backoff.Jittered(TimeSpan.FromSeconds(1), maxFactor: 0.2, sample).TotalMilliseconds.Should().BeApproximately(expectedMilliseconds, 0.001);

    [TestCase(0.0, 500)]
    [TestCase(0.5, 750)]
    [TestCase(0.999, 999.5)]
    public void Jittered_HalfABoundWithFactorOne_SpreadsOverTheBoundsUpperHalf(double sample, double expectedMilliseconds) =>
        Backoff.Jittered(TimeSpan.FromSeconds(1) / 2, maxFactor: 1, sample).TotalMilliseconds.Should().BeApproximately(expectedMilliseconds, 0.001);

    // The decisions' jitter sample is an observation like any other and may hold any value: it is clamped, not refused.
    [TestCase(1.5, 2000)]
    [TestCase(-1.0, 1000)]
    [TestCase(double.NaN, 1000)]
    public void Jittered_SampleOutsideTheUnitRange_IsClampedIntoIt(double sample, double expectedMilliseconds) =>
        Backoff.Jittered(TimeSpan.FromSeconds(1), maxFactor: 1, sample).TotalMilliseconds.Should().Be(expectedMilliseconds);

    [Test]
    public void Jittered_HugeDelay_SaturatesInsteadOfOverflowing() =>
        Backoff.Jittered(TimeSpan.MaxValue, maxFactor: 1, 1).Should().Be(TimeSpan.MaxValue);
}
