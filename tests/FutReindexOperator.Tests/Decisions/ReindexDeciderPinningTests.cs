using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Decisions;

/// <summary>I8: a run's target, filters and credentials are pinned when it starts; no spec edit redirects its polls or its token.</summary>
public sealed class ReindexDeciderPinningTests
{
    private static readonly FhirBase MovedTarget = new(new Uri("http://organization.fut.svc.cluster.local:9090/fhir/"));

    [Test]
    public void Decide_Submit_PinsTheSpecsAuthInStatus()
    {
        var decision = ReindexDecider.Decide(Job(spec: spec => spec.Auth = Bearer("fhir-token")), Observe(), T0, Policy);

        decision.Actions[0].Should().BeOfType<ReindexAction.WriteSubmissionMarker>()
            .Which.Status.Auth!.BearerToken!.SecretRef.Name.Should().Be("fhir-token");
    }

    /// <summary>Issue 13 #7: the status said the change was ignored, but targetBase switched and the polls, with the token, went to the new port.</summary>
    [Test]
    public void Decide_SpecEditedMidRun_PollsThePinnedBaseWithThePinnedAuth()
    {
        var status = Tracking() with { Auth = Bearer("fhir-token") };
        var job = Job(status, generation: 2, spec: spec =>
        {
            spec.Target.Port = 9090;
            spec.Auth = Bearer("other-token");
        });

        var decision = ReindexDecider.Decide(job, Observe(target: new TargetObservation.Resolved(MovedTarget)), T0, Policy);

        var poll = decision.Next.Should().BeOfType<ReindexStep.Poll>().Subject;
        poll.Target.Should().Be(Target);
        poll.Auth.BearerToken!.SecretRef.Name.Should().Be("fhir-token");
        decision.WrittenStatus().TargetBase.Should().Be(Target.ToString());
        decision.WrittenStatus().Message.Should().Contain("the change is ignored");
    }

    [Test]
    public void Decide_ServiceGoneMidRun_KeepsPollingThePinnedBase()
    {
        var decision = ReindexDecider.Decide(Job(Tracking()), Observe(target: new TargetObservation.NotFound("Service fut/organization not found")), T0, Policy);

        decision.Next.Should().BeOfType<ReindexStep.Poll>().Which.Target.Should().Be(Target);
    }

    [Test]
    public void Decide_UnauthorizedMidRunAfterASpecEdit_RenewsThePinnedCredential()
    {
        var job = Job(Tracking() with { Auth = Bearer("fhir-token") }, generation: 2, spec: spec => spec.Auth = Bearer("other-token"));

        var decision = ReindexDecider.Decide(job, Observe(poll: new PollOutcome.Unauthorized("expired")), T0, Policy);

        decision.Actions.OfType<ReindexAction.InvalidateToken>().Should().ContainSingle().Which.Auth.BearerToken!.SecretRef.Name.Should().Be("fhir-token");
    }

    [Test]
    public void Decide_UncertainSubmissionAfterASpecEdit_StallsInsteadOfSendingTheEditedSpec()
    {
        var job = Job(Sending(), generation: 2, spec: spec => spec.Urls = ["Patient?"]);

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.Next.Should().NotBeOfType<ReindexStep.Submit>();
        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Stalled);
        status.Message.Should().Contain("cannot be sent again");
    }

    [Test]
    public void Decide_UncertainSubmissionWithTheSameSpec_ResubmitsToThePinnedBase()
    {
        var decision = ReindexDecider.Decide(Job(Sending()), Observe(target: new TargetObservation.Resolved(MovedTarget)), T0, Policy);

        decision.Next.Should().BeOfType<ReindexStep.Submit>().Which.Target.Should().Be(Target);
    }

    [TestCase("not a url")]
    [TestCase("ftp://organization/fhir")]
    [TestCase("http://user:password@organization/fhir")]
    public void Decide_HandEditedTargetBase_FailsNamingTheFieldWithoutCallingIt(string targetBase)
    {
        var decision = ReindexDecider.Decide(Job(Tracking() with { TargetBase = targetBase }), Observe(), T0, Policy);

        decision.Next.Should().NotBeOfType<ReindexStep.Poll>();
        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Failed);
        status.Message.Should().Contain("status.targetBase").And.NotContain("password");
    }

    private static AuthSpec Bearer(string secretName)
        => new() { BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = secretName, Key = "token" } } };
}
