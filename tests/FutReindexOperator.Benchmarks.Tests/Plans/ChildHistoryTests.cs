using FutReindexOperator.Benchmarks.Plans;
using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Benchmarks.Tests.Plans;

public sealed class ChildHistoryTests
{
    [Test]
    public void Sample_CountsTheChildrenCreatedAndNotTerminalAsRunning()
    {
        var history = new ChildHistory();

        history.Sample([Child("a", ReindexPhase.Running), Child("b", null), Child("c", ReindexPhase.Succeeded)]);
        history.Sample([Child("a", ReindexPhase.Succeeded), Child("b", ReindexPhase.Running), Child("c", ReindexPhase.Succeeded)]);

        history.MaxRunning.Should().Be(2);
        history.Samples.Should().Be(2);
    }

    [Test]
    public void NotTerminalExactlyOnce_NamesAChildThatLeftItsEndAndOneThatNeverEnded()
    {
        var history = new ChildHistory();

        history.Sample([Child("a", ReindexPhase.Succeeded), Child("b", ReindexPhase.Succeeded), Child("c", ReindexPhase.Running)]);
        history.Sample([Child("a", ReindexPhase.Succeeded), Child("b", ReindexPhase.Running), Child("c", ReindexPhase.Running)]);
        history.Sample([Child("a", ReindexPhase.Succeeded), Child("b", ReindexPhase.Failed), Child("c", ReindexPhase.Running)]);

        history.NotTerminalExactlyOnce.Should().Equal("b", "c");
        history.Terminal.Should().Be(2);
        history.Succeeded.Should().Be(1);
    }

    [Test]
    public void Recreated_NamesAChildSeenAsTwoObjects()
    {
        var history = new ChildHistory();

        history.Sample([Child("a", ReindexPhase.Running, uid: "1"), Child("b", ReindexPhase.Running, uid: "2")]);
        history.Sample([Child("a", ReindexPhase.Running, uid: "3"), Child("b", ReindexPhase.Running, uid: "2")]);

        history.Recreated.Should().Equal("a");
        history.Children.Should().Be(2);
    }

    [Test]
    public void DistinctServices_CountsTheChildrensTargets()
    {
        var history = new ChildHistory();

        history.Sample([Child("a", null, service: "x"), Child("b", null, service: "x"), Child("c", null, service: "y")]);

        history.DistinctServices.Should().Be(2);
    }

    private static ReindexJob Child(string name, ReindexPhase? phase, string? uid = null, string? service = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Uid = uid ?? name },
        Spec = new ReindexJobSpec { Target = new TargetSpec { Service = service ?? name } },
        Status = phase is null ? null : new ReindexJobStatus { Phase = phase },
    };
}
