using FutReindexOperator.Runtime.Reconciling;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Runtime.Tests.Reconciling;

public sealed class TakeoverBarrierTests
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");

    private FakeTimeProvider _time = null!;
    private TakeoverBarrier _barrier = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _barrier = new TakeoverBarrier(_time);
    }

    [Test]
    public void Arm_CacheShowsTheListedVersion_HoldsNothing()
    {
        _barrier.Begin(() => [(A, "5")]);

        _barrier.Arm([(A, "5")]).Should().Be(0);

        Holds(A).Should().BeFalse();
    }

    [Test]
    public void Arm_CacheShowsAnOlderVersionThanListed_HoldsTheKey()
    {
        _barrier.Begin(() => [(A, "4"), (B, "7")]);

        _barrier.Arm([(A, "6"), (B, "7")]).Should().Be(1);

        Holds(A).Should().BeTrue();
        Holds(B).Should().BeFalse();
    }

    [Test]
    public void Saw_TheListedVersion_ReleasesTheHeldKey()
    {
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Arm([(A, "6")]);

        _barrier.Saw(A, "6").Should().BeTrue("the caller queues the key again");

        Holds(A).Should().BeFalse();
    }

    [Test]
    public void Saw_AnIntermediateVersion_KeepsHoldingUntilTheListedOne()
    {
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Arm([(A, "6")]);

        _barrier.Saw(A, "5").Should().BeFalse();

        Holds(A).Should().BeTrue("a version other than the stale one is not yet the one the server held");
    }

    [Test]
    public void Saw_TheListedVersionWhileTheListWasUnderWay_HoldsNothing()
    {
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Saw(A, "6");
        _barrier.Saw(A, "8");

        _barrier.Arm([(A, "6")]).Should().Be(0, "the cache showed the listed version, so it shows it or a later one");
    }

    [Test]
    public void Saw_TheObjectGone_ReleasesTheHeldKey()
    {
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Arm([(A, "6")]);

        _barrier.Saw(A, null).Should().BeTrue();

        Holds(A).Should().BeFalse();
    }

    [Test]
    public void Arm_ObjectCachedButNotListed_HoldsItUntilTheCacheDropsIt()
    {
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Arm([]).Should().Be(1);

        _barrier.Saw(A, "5").Should().BeFalse();
        _barrier.Saw(A, null).Should().BeTrue();

        Holds(A).Should().BeFalse();
    }

    [Test]
    public void Arm_ObjectListedButNotCachedYet_HoldsItUntilTheWatchBringsTheListedVersion()
    {
        _barrier.Begin(() => []);
        _barrier.Arm([(A, "6")]).Should().Be(1);

        _barrier.Saw(A, "5").Should().BeFalse();
        _barrier.Saw(A, "6").Should().BeTrue();
    }

    [Test]
    public void Arm_ObjectDeletedWhileTheListWasUnderWay_HoldsNothing()
    {
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Saw(A, null);

        _barrier.Arm([]).Should().Be(0);
    }

    [Test]
    public void Holds_TheBoundPassed_ReleasesTheKeyOnceAndSaysItExpired()
    {
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Arm([(A, "6")]);
        _time.Advance(TakeoverBarrier.Expiry - TimeSpan.FromSeconds(1));
        _barrier.Holds(A, out var remaining, out _).Should().BeTrue();
        remaining.Should().Be(TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(1));

        _barrier.Holds(A, out _, out var expired).Should().BeFalse();
        expired.Should().BeTrue();
        _barrier.Holds(A, out _, out var again).Should().BeFalse();
        again.Should().BeFalse();
    }

    [Test]
    public void Clear_EndOfTerm_HoldsNothingAndRecordsNothing()
    {
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Arm([(A, "6")]);

        _barrier.Clear();

        Holds(A).Should().BeFalse();
        _barrier.Saw(A, "6").Should().BeFalse();
    }

    [Test]
    public void Arm_WithoutBegin_Throws()
    {
        FluentActions.Invoking(() => _barrier.Arm([(A, "6")])).Should().Throw<InvalidOperationException>();
    }

    [Test]
    public void Relisted_AListSentAfterTheTakeoverBegan_ReleasesEveryHeldKeyOfItsScope()
    {
        var other = new ObjectKey("other", "c");
        _barrier.Begin(() => [(A, "4"), (B, "5"), (other, "6")]);
        _barrier.Arm([(A, "7"), (B, "8"), (other, "9")]);
        var ticket = _barrier.ListSending();

        _barrier.Relisted("ns", ticket).Should().BeEquivalentTo([A, B], "the caller queues them again");

        Holds(A).Should().BeFalse("the list was sent after the takeover began: the cache holds nothing older now, even at a later version than the one listed");
        Holds(other).Should().BeTrue("that list did not cover the other namespace");
    }

    [Test]
    public void Relisted_AListOfEveryNamespace_ReleasesEveryHeldKey()
    {
        var other = new ObjectKey("other", "c");
        _barrier.Begin(() => [(A, "4"), (other, "6")]);
        _barrier.Arm([(A, "7"), (other, "9")]);

        _barrier.Relisted(null, _barrier.ListSending()).Should().HaveCount(2);

        _barrier.Count.Should().Be(0);
    }

    [Test]
    public void Relisted_AListSentBeforeTheTakeoverBegan_ReleasesNothing()
    {
        var ticket = _barrier.ListSending();
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Arm([(A, "7")]);

        _barrier.Relisted("ns", ticket).Should().BeEmpty();

        Holds(A).Should().BeTrue("a list sent before the takeover began may be older than what the server held then");
    }

    [Test]
    public void Relisted_WhileTheTakeoverRecords_HoldsNothingOfThatScopeWhenArmed()
    {
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Relisted("ns", _barrier.ListSending());

        _barrier.Arm([(A, "7")]).Should().Be(0);
    }

    [Test]
    public void Relisted_AfterTheTermEnded_ReleasesNothingOfTheNextTerm()
    {
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Arm([(A, "7")]);
        var ticket = _barrier.ListSending();
        _barrier.Clear();
        _barrier.Begin(() => [(A, "4")]);
        _barrier.Arm([(A, "8")]);

        _barrier.Relisted("ns", ticket).Should().BeEmpty();

        Holds(A).Should().BeTrue("the list was sent before this term began");
    }

    private bool Holds(ObjectKey key) => _barrier.Holds(key, out _, out _);
}
