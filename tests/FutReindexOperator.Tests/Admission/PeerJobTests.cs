using FutReindexOperator.Admission;
using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Admission;

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

    /// <summary>Issue 13 #5: a job waiting for its Secret kept its place in line while nothing ran on the target.</summary>
    [TestCase(ConditionReasons.WaitingForCredentials)]
    [TestCase(ConditionReasons.WaitingForTarget)]
    [TestCase(ConditionReasons.Retrying)]
    public void From_PendingButUnableToMove_NeitherHoldsNorWaits(string reason)
    {
        var status = new ReindexJobStatus
        {
            Phase = ReindexPhase.Pending,
            Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0, State = SubmissionState.NotSent },
            Retry = new RetryState { Reason = "Credentials", Count = 1, Since = T0 },
            NextAttemptTime = T0.AddSeconds(5),
            Conditions = ReindexConditionSet.For(ReindexPhase.Pending, reason, "", 1, T0, []),
        };

        var peer = PeerJob.From(Job(status));

        (peer.HoldsSlot, peer.IsWaiting).Should().Be((false, false));
    }

    [Test]
    public void From_PendingForItsTurn_IsWaiting()
    {
        var status = new ReindexJobStatus { Phase = ReindexPhase.Pending, Conditions = ReindexConditionSet.For(ReindexPhase.Pending, ConditionReasons.WaitingForTurn, "", 1, T0, []) };

        PeerJob.From(Job(status)).IsWaiting.Should().BeTrue();
    }

    [Test]
    public void From_StalledBeforeSubmission_NeitherHoldsNorWaits()
    {
        var status = new ReindexJobStatus
        {
            Phase = ReindexPhase.Stalled,
            Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0, State = SubmissionState.NotSent },
            Conditions = ReindexConditionSet.For(ReindexPhase.Stalled, ConditionReasons.CredentialsRefused, "", 1, T0, []),
        };

        var peer = PeerJob.From(Job(status));

        (peer.HoldsSlot, peer.IsWaiting).Should().Be((false, false));
    }

    /// <summary>Issue 13 #4: another spelling of the same FHIR base counted as another target.</summary>
    [TestCase("/fhir")]
    [TestCase("/fhir/")]
    [TestCase("/fhir/.")]
    [TestCase("/x/../fhir")]
    [TestCase("/./fhir")]
    [TestCase("//fhir")]
    [TestCase("/fhir//")]
    [TestCase("/%66hir")]
    [TestCase("/fhir/x/..")]
    public void TargetOf_SpellingsOfTheSameBasePath_AreOneTarget(string basePath)
    {
        PeerJob.TargetOf(Job(spec: spec => spec.Target.BasePath = basePath)).Should().Be("fut/organization/fhir");
    }

    [TestCase("/fhir2")]
    [TestCase("/FHIR")]
    [TestCase("/fhir/r4")]
    [TestCase("/")]
    public void TargetOf_OtherBasePaths_AreOtherTargets(string basePath)
    {
        PeerJob.TargetOf(Job(spec: spec => spec.Target.BasePath = basePath)).Should().NotBe("fut/organization/fhir");
    }

    [Test]
    public void Of_PeerOnAnotherSpellingOfTheSameBase_IsAPeer()
    {
        var other = Job(Tracking(), spec: spec => spec.Target.BasePath = "/x/../fhir/.");
        other.Metadata.Name = "other";
        other.Metadata.Uid = "uid-other";

        PeerJob.Of(Job(), [other]).Should().ContainSingle().Which.HoldsSlot.Should().BeTrue();
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
