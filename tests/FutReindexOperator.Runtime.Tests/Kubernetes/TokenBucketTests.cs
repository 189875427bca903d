using FutReindexOperator.Runtime.Kubernetes;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Runtime.Tests.Kubernetes;

public sealed class TokenBucketTests
{
    private FakeTimeProvider _time = null!;
    private TokenBucket _bucket = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider();
        _bucket = new TokenBucket(burst: 3, refillInterval: TimeSpan.FromMinutes(5), _time);
    }

    [Test]
    public void TryTake_WithinBurst_Allows() =>
        Enumerable.Range(0, 3).Select(_ => _bucket.TryTake()).ToList().Should().AllBeEquivalentTo(true);

    [Test]
    public void TryTake_BeyondBurst_Refuses()
    {
        TakeAll();

        _bucket.TryTake().Should().BeFalse();
    }

    [Test]
    public void TryTake_AfterOneRefillInterval_AllowsOneMore()
    {
        TakeAll();

        _time.Advance(TimeSpan.FromMinutes(5));

        _bucket.TryTake().Should().BeTrue();
        _bucket.TryTake().Should().BeFalse();
    }

    [Test]
    public void TryTake_AfterLongIdle_RefillsNoMoreThanBurst()
    {
        TakeAll();

        _time.Advance(TimeSpan.FromHours(10));

        Enumerable.Range(0, 4).Count(_ => _bucket.TryTake()).Should().Be(3);
    }

    private void TakeAll()
    {
        while (_bucket.TryTake())
        {
        }
    }

    [Test]
    public void IsFull_NewBucket_IsTrue() => _bucket.IsFull.Should().BeTrue();

    [Test]
    public void IsFull_AfterATake_IsFalseUntilRefilled()
    {
        _bucket.TryTake();

        _bucket.IsFull.Should().BeFalse();
        _time.Advance(TimeSpan.FromMinutes(5));
        _bucket.IsFull.Should().BeTrue();
    }
}
