using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Runtime.Tests.Kubernetes;

public sealed class OwnStatusWritesTests
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ResourceType Other = new("other.example.org", "v1", "gadgets", "Gadget", Namespaced: true);

    private FakeTimeProvider _time = null!;
    private List<string> _woken = null!;
    private OwnStatusWrites _writes = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider();
        _woken = [];
        _writes = new OwnStatusWrites(_time);
    }

    [Test]
    public void Saw_VersionNoWriteAnswered_IsSomeoneElses()
    {
        Saw(A, "6");

        _woken.Should().Equal("6");
    }

    [Test]
    public void Saw_VersionAWriteAnswered_IsOwnAndWakesNothing()
    {
        Wrote(A, "6");

        Saw(A, "6");

        _woken.Should().BeEmpty();
        _writes.Count.Should().Be(0, "a version seen is forgotten");
    }

    [Test]
    public void Saw_LaterVersionOfAWrite_ForgetsTheEarlierOnesAsARelistSkipsThem()
    {
        Wrote(A, "6");
        Wrote(A, "7");

        Saw(A, "7");
        Saw(A, "6");

        _woken.Should().Equal("6");
    }

    [Test]
    public void Saw_SomeoneElsesVersionBeforeAnOwnWritesEvent_KeepsTheOwnWrite()
    {
        Wrote(A, "7");

        Saw(A, "6");
        Saw(A, "7");

        _woken.Should().Equal("6");
    }

    [Test]
    public void Saw_SameKeyOfAnotherKind_IsSomeoneElses()
    {
        Wrote(A, "6");

        _writes.Saw(Other, A, "6", () => _woken.Add("6"));

        _woken.Should().Equal("6");
    }

    [Test]
    public void Saw_WhileAWriteIsUnderWay_WaitsForItsAnswer()
    {
        _writes.Sending(Widget.Type, A);

        Saw(A, "6");

        _woken.Should().BeEmpty();
    }

    [Test]
    public void Sent_AnswerCarriesTheVersionSeenMeanwhile_WakesNothing()
    {
        _writes.Sending(Widget.Type, A);
        Saw(A, "6");

        _writes.Sent(Widget.Type, A, "6");

        _woken.Should().BeEmpty();
        _writes.Count.Should().Be(0, "the version was seen already: nothing is left to remember");
    }

    [Test]
    public void Sent_AnswerCarriesAnotherVersion_WakesTheChangeSeenMeanwhile()
    {
        _writes.Sending(Widget.Type, A);
        Saw(A, "6");

        _writes.Sent(Widget.Type, A, "7");

        _woken.Should().Equal("6");
    }

    [Test]
    public void Sent_NoAnswer_WakesTheChangeSeenMeanwhile()
    {
        _writes.Sending(Widget.Type, A);
        Saw(A, "6");

        _writes.Sent(Widget.Type, A, null);

        _woken.Should().Equal("6");
    }

    [Test]
    public void Sent_AnotherWriteStillUnderWay_WakesOnlyWhenTheLastAnswers()
    {
        _writes.Sending(Widget.Type, A);
        _writes.Sending(Widget.Type, A);
        Saw(A, "6");
        Saw(A, "7");

        _writes.Sent(Widget.Type, A, "6");
        _woken.Should().BeEmpty();
        _writes.Sent(Widget.Type, A, "8");

        _woken.Should().Equal("7");
    }

    [Test]
    public void Saw_WrittenVersionArrivingAfterTheExpiry_IsSomeoneElses()
    {
        Wrote(A, "6");

        _time.Advance(OwnStatusWrites.Expiry);
        Saw(A, "6");

        _woken.Should().Equal("6");
    }

    [Test]
    public void Sent_AfterTheExpiry_SweepsVersionsOfObjectsNeverSeenAgain()
    {
        Wrote(A, "6");
        _time.Advance(OwnStatusWrites.Expiry);

        Wrote(new ObjectKey("ns", "b"), "7");

        _writes.Count.Should().Be(1);
    }

    [Test]
    public void Forget_DeletedObject_ItsWrittenVersionsAreGone()
    {
        Wrote(A, "6");

        _writes.Forget(Widget.Type, A);

        _writes.Count.Should().Be(0);
    }

    private void Wrote(ObjectKey key, string resourceVersion)
    {
        _writes.Sending(Widget.Type, key);
        _writes.Sent(Widget.Type, key, resourceVersion);
    }

    private void Saw(ObjectKey key, string resourceVersion) => _writes.Saw(Widget.Type, key, resourceVersion, () => _woken.Add(resourceVersion));
}
