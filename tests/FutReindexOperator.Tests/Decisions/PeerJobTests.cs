using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Decisions;

public sealed class PeerJobTests
{
    [Test]
    public void From_AcceptedRunNotEnded_HoldsASlot()
    {
        var peer = PeerJob.From(Job(Tracking()));

        peer.Should().Be(new PeerJob("fut/organizations", T0.AddMinutes(-1), HoldsSlot: true, IsWaiting: false));
    }

    [Test]
    public void From_NotYetReconciled_IsWaiting()
    {
        PeerJob.From(Job()).IsWaiting.Should().BeTrue();
    }

    [Test]
    public void From_InvalidSpecNotYetReconciled_NeitherHoldsNorWaits()
    {
        var peer = PeerJob.From(Job(spec: spec => spec.Urls = ["not a search url"]));

        (peer.HoldsSlot, peer.IsWaiting).Should().Be((false, false));
    }

    [Test]
    public void From_InvalidSpecPending_NeitherHoldsNorWaits()
    {
        var peer = PeerJob.From(Job(new ReindexJobStatus { Phase = ReindexPhase.Pending }, spec: spec => spec.Target.Service = "Not_A_Service"));

        (peer.HoldsSlot, peer.IsWaiting).Should().Be((false, false));
    }

    [Test]
    public void From_JobIdWithoutAMarker_HoldsASlot()
    {
        var peer = PeerJob.From(Job(Tracking() with { Submission = null }));

        peer.HoldsSlot.Should().BeTrue();
    }

    [Test]
    public void From_Succeeded_NeitherHoldsNorWaits()
    {
        var peer = PeerJob.From(Job(Tracking(ReindexPhase.Succeeded)));

        (peer.HoldsSlot, peer.IsWaiting).Should().Be((false, false));
    }

    [Test]
    public void SameTarget_NamespaceDefaultedToTheJobs_MatchesExplicitNamespace()
    {
        var implicitNamespace = Job();
        var explicitNamespace = Job(spec: spec => spec.Target.Namespace = "fut");

        PeerJob.SameTarget(implicitNamespace, explicitNamespace).Should().BeTrue();
    }

    [Test]
    public void SameTarget_OtherService_DoesNotMatch()
    {
        PeerJob.SameTarget(Job(), Job(spec: spec => spec.Target.Service = "careplan")).Should().BeFalse();
    }

    [Test]
    public void Of_AllJobs_LeavesOutTheJobItselfAndOtherTargets()
    {
        var job = Job();
        var other = Job(spec: spec => spec.Target.Service = "careplan");
        var peer = Job();
        peer.Metadata.Uid = "uid-peer";
        peer.Metadata.Name = "peer";

        PeerJob.Of(job, [job, other, peer]).Select(p => p.Key).Should().Equal("fut/peer");
    }
}
