using FutReindexOperator.Admission;
using FutReindexOperator.Auth;
using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;
using k8s;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Decisions;

/// <summary>
/// Schema-valid but extreme or hand-edited inputs (issue 13): the decision never throws, every time and delay it sets is
/// finite, and a status it cannot use gets a clear message and a corrected or terminal state.
/// </summary>
public sealed class ReindexDeciderBoundsTests
{
    [Test]
    public void Decide_DeadlineBeyondTheLongestTimeSpan_StallsAsInvalidSpecNamingTheFieldAndTheRange()
    {
        var job = Job(spec: spec => spec.Polling.Deadline = TimeSpan.MaxValue);

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Stalled);
        status.Message.Should().Contain("spec.polling.deadline: at most 8760h");
        decision.Next.Should().NotBeOfType<ReindexStep.Submit>();
    }

    [Test]
    public void Decide_HugePollIntervals_AreRefusedBeforeAnythingIsSent()
    {
        var job = Job(spec: spec => spec.Polling = new PollingSpec { FirstInterval = TimeSpan.FromHours(100_000_000), MaxInterval = TimeSpan.FromHours(100_000_000) });

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.WrittenStatus().Message.Should().Contain("spec.polling.firstInterval: at most 24h").And.Contain("spec.polling.maxInterval: at most 24h");
        decision.Next.Should().NotBeOfType<ReindexStep.Submit>();
    }

    /// <summary>Issue 13 #2: the POST was accepted, then now + interval overflowed and the job id was never recorded.</summary>
    [Test]
    public void Decide_AcceptedWhileTheSpecAsksForHugePollIntervals_RecordsTheJobIdAndPollsWithinTheLongestDelay()
    {
        var job = Job(Sending(), spec: spec => spec.Polling = new PollingSpec { FirstInterval = TimeSpan.FromHours(100_000_000), MaxInterval = TimeSpan.FromHours(100_000_000) });

        var decision = ReindexDecider.Decide(job, Observe(submission: new SubmitOutcome.Accepted(JobId, true, "")), T0, Policy);

        var status = decision.Actions[0].Should().BeOfType<ReindexAction.RecordJobId>().Subject.Status;
        status.JobId.Should().Be(JobId);
        status.NextAttemptTime.Should().BeOnOrBefore(T0 + Delays.Longest);
        decision.Next.Should().BeOfType<ReindexStep.Wait>().Which.Delay.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(Delays.Longest);
    }

    /// <summary>
    /// Found by the property tests (seeds eW70ashPelO1, c89MG4aU33_1): a next attempt days away, further than any delay
    /// the operator sets for the job (a hand-edited status, or a clock that jumped back), was waited for up to 7 days.
    /// </summary>
    [Test]
    public void Decide_NextAttemptFurtherAwayThanAnyDelayTheJobSets_TriesNow()
    {
        var job = Job(Sending() with
        {
            Phase = ReindexPhase.Pending,
            Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0, State = SubmissionState.NotSent },
            NextAttemptTime = T0.AddDays(5),
        }, spec: spec => spec.Polling.Deadline = TimeSpan.FromDays(3));

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.Next.Should().BeOfType<ReindexStep.Submit>();
    }

    [Test]
    public void Decide_TrackingWithADeadlineBeyondTheLongestTimeSpan_PollsWithoutOverflow()
    {
        var job = Job(Tracking(nextPoll: T0.AddSeconds(30)), spec: spec => spec.Polling.Deadline = TimeSpan.MaxValue);

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.Next.Should().Be(new ReindexStep.Wait(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void Decide_StartTimeAtTheEndOfTime_DoesNotOverflow()
    {
        var job = Job(Tracking(nextPoll: T0.AddSeconds(30)) with { StartTime = DateTimeOffset.MaxValue.AddSeconds(-1) });

        var decide = () => ReindexDecider.Decide(job, Observe(poll: new PollOutcome.FailedOrErrored("boom")), T0, Policy);

        decide.Should().NotThrow();
    }

    [Test]
    public void Decide_NextAttemptFurtherAwayThanAnyDelay_PollsNowInsteadOfNever()
    {
        var job = Job(Tracking(nextPoll: new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.Next.Should().BeOfType<ReindexStep.Poll>();
    }

    [TestCase(" ")]
    [TestCase("a\nb")]
    public void Decide_AcceptedWithAJobIdThatCannotBeFollowed_EndsUntrackableInsteadOfThrowing(string jobId)
    {
        var decision = ReindexDecider.Decide(Job(Sending()), Observe(submission: new SubmitOutcome.Accepted(jobId, true, "")), T0, Policy);

        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Untrackable);
        status.JobId.Should().BeNull();
        status.Message.Should().Contain("cannot record or follow");
    }

    [Test]
    public void Decide_AcceptedWithAJobIdLongerThanTheStatusHolds_EndsUntrackableWithAStatusThatFitsTheSchema()
    {
        var decision = ReindexDecider.Decide(Job(Sending()), Observe(submission: new SubmitOutcome.Accepted(new string('x', 300), true, "")), T0, Policy);

        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Untrackable);
        status.JobId.Should().BeNull();
        status.Message!.Length.Should().BeLessThanOrEqualTo(ReindexJobStatus.MaxMessageLength);
    }

    [Test]
    public void Decide_AcceptedWithTheLongestJobId_WritesAPollPathWithinItsBound()
    {
        var jobId = new string('/', PollPaths.MaxJobIdLength);

        var decision = ReindexDecider.Decide(Job(Sending()), Observe(submission: new SubmitOutcome.Accepted(jobId, true, "")), T0, Policy);

        var status = decision.WrittenStatus();
        status.JobId.Should().Be(jobId);
        status.PollPath!.Length.Should().BeLessThanOrEqualTo(PollPaths.MaxLength);
    }

    [Test]
    public void Decide_JobReadFromJsonWithAnOverlongDeadline_IsReadAndRefusedNamingTheField()
    {
        var job = KubernetesJson.Deserialize<ReindexJob>("""
            {"apiVersion":"fhir.fut.dk/v1alpha1","kind":"ReindexJob","metadata":{"name":"j","namespace":"fut","generation":1},
             "spec":{"target":{"service":"organization"},"auth":{"none":{}},"polling":{"deadline":"9999999999h"}}}
            """);

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.WrittenStatus().Message.Should().Contain("spec.polling.deadline: at most 8760h");
    }

    /// <summary>
    /// Issue 13 #12: 500 jobs on one target gave about 20 Waiting events each for a state that did not change; and a
    /// message naming the job in front rewrote every waiting job's status each time one ended (the full fuzz run's
    /// 234,015 status writes).
    /// </summary>
    [Test]
    public void Decide_WaitingWhileWhoIsAheadChanges_RecordsNoNewWaitingEventAndWritesNoStatus()
    {
        var first = ReindexDecider.Decide(Job(), Observe(peers: [new PeerJob("fut/a", T0.AddHours(-2), HoldsSlot: true, IsWaiting: false)]), T0, Policy);
        var waiting = Job(first.WrittenStatus());

        var second = ReindexDecider.Decide(waiting, Observe(peers: [new PeerJob("fut/b", T0.AddHours(-1), HoldsSlot: true, IsWaiting: false)]), T0.AddSeconds(30), Policy);

        first.Events().Should().ContainSingle(e => e.Reason == EventReasons.Waiting);
        second.Next.Should().BeOfType<ReindexStep.Wait>();
        second.Actions.Should().BeEmpty("the job waits as before: the queue in front of it moving changes nothing it shows");
    }

    /// <summary>Issue 13 #12: a status patched by hand to pollPath ../../x gave endless reconcile errors and no message.</summary>
    [TestCase("../../x")]
    [TestCase("/metadata")]
    [TestCase("$hapi.fhir.reindex-status?_jobId=someone-elses-job")]
    public void Decide_HandEditedPollPath_PollsTheJobsOwnStatusPathAndSaysSo(string pollPath)
    {
        var job = Job(Tracking() with { PollPath = pollPath });

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        decision.Next.Should().BeOfType<ReindexStep.Poll>().Which.PollPath.Should().Be(PollPaths.For(JobId));
        decision.WrittenStatus().PollPath.Should().Be(PollPaths.For(JobId));
        decision.Events().Should().ContainSingle(e => e.Type == EventSeverity.Warning && e.Reason == EventReasons.InvalidStatus)
            .Which.Note.Should().Contain("status.pollPath");
    }

    [TestCase(" ")]
    [TestCase("job\nid")]
    public void Decide_HandEditedJobIdThatCannotBeFollowed_FailsNamingTheField(string jobId)
    {
        var job = Job(Tracking() with { JobId = jobId });

        var decision = ReindexDecider.Decide(job, Observe(), T0, Policy);

        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Failed);
        status.Message.Should().Contain("status.jobId");
        status.Conditions.Should().Contain(c => c.Type == ReindexConditions.Failed && c.Reason == ConditionReasons.InvalidStatus);
        decision.Next.Should().NotBeOfType<ReindexStep.Poll>();
        decision.Next.Should().Be(new ReindexStep.Done());
    }

    [Test]
    public void Decide_CountsAtTheirMaximum_StayWithinTheSchema()
    {
        var resubmit = ReindexDecider.Decide(Job(Sending(attempt: int.MaxValue)), Observe(), T0, Policy);
        var poll = ReindexDecider.Decide(Job(Tracking(polls: int.MaxValue)), Observe(poll: new PollOutcome.Progress(ServerJobState.InProgress, "in progress")), T0, Policy);

        resubmit.WrittenStatus().Submission!.Attempt.Should().Be(int.MaxValue);
        poll.WrittenStatus().Polls.Should().Be(int.MaxValue);
    }

    /// <summary>Issue 13 #6: nothing was sent, yet each attempt warned DuplicatePossible and the job held its slot in Submitting.</summary>
    [Test]
    public void Decide_TokenThatCannotBeSent_StallsAsNotSentWithoutADuplicateWarning()
    {
        var failure = new CredentialFailure(CredentialProblem.ValueUnusable, "the value of key 'token' of Secret fut/fhir-token cannot be sent as a bearer token: it contains a line break");

        var decision = ReindexDecider.Decide(Job(Sending()), Observe(submission: new SubmitOutcome.CredentialsUnavailable(failure)), T0, Policy);

        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Stalled);
        status.Submission!.State.Should().Be(SubmissionState.NotSent);
        status.Submission.DuplicatePossible.Should().BeFalse();
        status.Message.Should().Contain("key 'token' of Secret fut/fhir-token");
        decision.Events().Should().NotContain(e => e.Reason == EventReasons.DuplicatePossible);
        PeerJob.From(Job(status)).Should().Match<PeerJob>(peer => !peer.HoldsSlot && !peer.IsWaiting);
    }
}
