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

    [TestCase(0.0, 500)]
    [TestCase(0.5, 750)]
    [TestCase(0.999, 999.5)]
    public void Jittered_RandomInUnitRange_SpreadsOverUpperHalf(double random, double expectedMilliseconds) =>
        Backoff.Jittered(TimeSpan.FromSeconds(1), random).TotalMilliseconds.Should().BeApproximately(expectedMilliseconds, 0.001);

    [Test]
    public void Jittered_RandomOfOne_IsRejected()
    {
        var act = () => Backoff.Jittered(TimeSpan.FromSeconds(1), 1.0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
