using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Decisions;

/// <summary>
/// Drives the decider through <see cref="ReindexRun"/>, as the reconciler does, against scripted server answers, to
/// check whole runs: how many POSTs, and where the job ends.
/// </summary>
public sealed class ReindexDeciderScenarioTests
{
    private ReindexJob _job = null!;
    private DateTimeOffset _now;
    private Queue<SubmitOutcome> _submitAnswers = null!;
    private Queue<PollOutcome> _pollAnswers = null!;
    private List<ReindexAction.EmitEvent> _events = null!;
    private int _posts;
    private int _polls;
    private List<DateTimeOffset> _pollTimes = null!;

    [SetUp]
    public void SetUp()
    {
        _job = Job();
        _now = T0;
        _submitAnswers = new Queue<SubmitOutcome>();
        _pollAnswers = new Queue<PollOutcome>();
        _events = [];
        _posts = 0;
        _polls = 0;
        _pollTimes = [];
    }

    [Test]
    public void Reconcile_HappyPath_OnePostThenPollsUntilSucceeded()
    {
        _submitAnswers.Enqueue(new SubmitOutcome.Accepted(JobId, true, "$reindex job has been accepted."));
        _pollAnswers.Enqueue(new PollOutcome.Progress(ServerJobState.Queued, "$reindex job has not yet started"));
        _pollAnswers.Enqueue(new PollOutcome.Progress(ServerJobState.InProgress, "$reindex job has started and is in progress"));
        _pollAnswers.Enqueue(new PollOutcome.Progress(ServerJobState.Finalizing, "$reindex job has started and is being finalized"));
        _pollAnswers.Enqueue(new PollOutcome.Succeeded(new ReindexReport { ResourcesChanged = 32 }));

        RunUntilDone();

        _posts.Should().Be(1);
        _polls.Should().Be(4);
        _job.Status!.Phase.Should().Be(ReindexPhase.Succeeded);
        _job.Status.Condition(ReindexConditions.Complete).Should().Be("True");
        _events.Select(e => e.Reason).Should().Equal(EventReasons.Submitted, EventReasons.Running, EventReasons.Running, EventReasons.Succeeded);
    }

    [Test]
    public void Reconcile_OperatorRestartedMidJob_ResumesPollingWithoutAnotherPost()
    {
        _submitAnswers.Enqueue(new SubmitOutcome.Accepted(JobId, true, ""));
        _pollAnswers.Enqueue(new PollOutcome.Progress(ServerJobState.InProgress, "$reindex job has started and is in progress"));
        Reconcile();
        Reconcile();

        _job = Job(_job.Status);
        _pollAnswers.Enqueue(new PollOutcome.Succeeded(new ReindexReport()));
        RunUntilDone();

        _posts.Should().Be(1);
        _job.Status!.Phase.Should().Be(ReindexPhase.Succeeded);
    }

    [Test]
    public void Reconcile_CrashBetweenMarkerAndJobId_ResubmitsOnceWithDuplicatePossible()
    {
        var marker = ReindexDecider.Decide(_job, Observe(), _now, Policy).Actions.OfType<ReindexAction.WriteSubmissionMarker>().Single();
        _job = Job(marker.Status);
        _submitAnswers.Enqueue(new SubmitOutcome.Accepted(JobId, true, ""));
        _pollAnswers.Enqueue(new PollOutcome.Succeeded(new ReindexReport()));

        RunUntilDone();

        _posts.Should().Be(1);
        _job.Status!.Submission!.DuplicatePossible.Should().BeTrue();
        _events.Should().Contain(e => e.Reason == EventReasons.DuplicatePossible);
    }

    [Test]
    public void Reconcile_ConnectionRefusedThenAccepted_RetriesWithoutDuplicateRisk()
    {
        _submitAnswers.Enqueue(new SubmitOutcome.NotSent("could not connect: Connection refused"));
        _submitAnswers.Enqueue(new SubmitOutcome.Accepted(JobId, true, ""));
        _pollAnswers.Enqueue(new PollOutcome.Succeeded(new ReindexReport()));

        RunUntilDone();

        _posts.Should().Be(2);
        _job.Status!.Submission!.DuplicatePossible.Should().BeFalse();
        _job.Status.Phase.Should().Be(ReindexPhase.Succeeded);
    }

    [Test]
    public void Reconcile_GatewayTimeoutThenAccepted_ResubmitsOnceAndRecordsTheRisk()
    {
        _submitAnswers.Enqueue(new SubmitOutcome.MaybeSent("HTTP 504 after the request was sent: upstream request timeout"));
        _submitAnswers.Enqueue(new SubmitOutcome.Accepted(JobId, true, ""));
        _pollAnswers.Enqueue(new PollOutcome.Succeeded(new ReindexReport()));

        RunUntilDone();

        _posts.Should().Be(2);
        _job.Status!.Submission!.DuplicatePossible.Should().BeTrue();
    }

    [Test]
    public void Reconcile_ErroredThenCompleted_SucceedsBecauseOfTheGracePeriod()
    {
        _submitAnswers.Enqueue(new SubmitOutcome.Accepted(JobId, true, ""));
        _pollAnswers.Enqueue(new PollOutcome.FailedOrErrored("HAPI-2790"));
        _pollAnswers.Enqueue(new PollOutcome.Succeeded(new ReindexReport()));

        RunUntilDone();

        _job.Status!.Phase.Should().Be(ReindexPhase.Succeeded);
    }

    [Test]
    public void Reconcile_FailedOnEveryPoll_FailsAfterTheGracePeriod()
    {
        _submitAnswers.Enqueue(new SubmitOutcome.Accepted(JobId, true, ""));
        for (var poll = 0; poll < 10; poll++)
        {
            _pollAnswers.Enqueue(new PollOutcome.FailedOrErrored("HAPI-2790: Reindex (v3) had 3 failure(s)."));
        }

        RunUntilDone();

        _job.Status!.Phase.Should().Be(ReindexPhase.Failed);
        _job.Status.Message.Should().Contain("HAPI-2790");
        _polls.Should().BeGreaterThanOrEqualTo(2);
        (_pollTimes[^1] - _pollTimes[0]).Should().BeGreaterThanOrEqualTo(new PollingDefaults().ErrorGracePeriod);
    }

    /// <summary>Reconciles, advancing the clock by each wait, until the decider says Done.</summary>
    private void RunUntilDone()
    {
        for (var reconcile = 0; reconcile < 100; reconcile++)
        {
            if (Reconcile() is not ReindexStep.Wait wait)
            {
                return;
            }

            _now += wait.Delay;
        }

        Assert.Fail("The job did not end within 100 reconciles.");
    }

    /// <summary>One reconcile as the shell runs it, with the scripted server answers.</summary>
    private ReindexStep Reconcile()
        => ReindexRun.ReconcileAsync(_job, Observe(), Policy, new ScriptedShell(this), CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Writes statuses into the test's job, records events, and answers calls from the test's scripts.</summary>
    private sealed class ScriptedShell(ReindexDeciderScenarioTests test) : IReindexRunShell
    {
        public DateTimeOffset Now => test._now;

        public Task<ReindexJob?> CarryOutAsync(ReindexJob job, ReindexDecision decision, CancellationToken cancellationToken)
        {
            foreach (var action in decision.Actions)
            {
                switch (action)
                {
                    case ReindexAction.WriteSubmissionMarker write:
                        test._job = Job(write.Status);
                        break;
                    case ReindexAction.RecordJobId write:
                        test._job = Job(write.Status);
                        break;
                    case ReindexAction.PatchStatus write:
                        test._job = Job(write.Status);
                        break;
                    case ReindexAction.EmitEvent emitted:
                        test._events.Add(emitted);
                        break;
                }
            }

            return Task.FromResult<ReindexJob?>(test._job);
        }

        public Task<SubmitOutcome> SubmitAsync(ReindexJob job, ReindexStep.Submit submit, CancellationToken cancellationToken)
        {
            test._posts++;
            return Task.FromResult(test._submitAnswers.Dequeue());
        }

        public Task<PollOutcome> PollAsync(ReindexJob job, ReindexStep.Poll poll, CancellationToken cancellationToken)
        {
            test._polls++;
            test._pollTimes.Add(test._now);
            return Task.FromResult(test._pollAnswers.Dequeue());
        }
    }
}
