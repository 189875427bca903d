using FutReindexOperator.Runtime.Kubernetes;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Runtime.Tests.Kubernetes;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ObjectRateLimitsTests
{
    private static readonly TimeSpan Refill = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly ObjectRateLimits _limits;

    public ObjectRateLimitsTests() => _limits = new ObjectRateLimits(burst: 2, Refill, _time);

    [Test]
    public void TryTake_BeyondOneObjectsBurst_Refuses()
    {
        _limits.TryTake("a");
        _limits.TryTake("a");

        _limits.TryTake("a").Should().BeFalse();
    }

    [Test]
    public void TryTake_OtherObject_HasItsOwnBucket()
    {
        _limits.TryTake("a");
        _limits.TryTake("a");

        _limits.TryTake("b").Should().BeTrue();
    }

    [Test]
    public void TryTake_AfterASweepInterval_ForgetsObjectsWhoseBucketRefilled()
    {
        foreach (var key in Enumerable.Range(0, 100).Select(index => $"job-{index}"))
        {
            _limits.TryTake(key);
        }

        _time.Advance(EventSeriesTracker.SweepInterval);
        _limits.TryTake("new");

        _limits.Count.Should().Be(1);
    }

    [Test]
    public void TryTake_AfterASweepInterval_KeepsAnObjectStillLimited()
    {
        var slow = new ObjectRateLimits(burst: 2, refillInterval: TimeSpan.FromHours(1), _time);
        slow.TryTake("noisy");

        _time.Advance(EventSeriesTracker.SweepInterval);
        slow.TryTake("new");

        slow.Count.Should().Be(2);
    }
}
