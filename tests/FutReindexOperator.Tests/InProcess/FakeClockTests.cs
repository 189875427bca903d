using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.World;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>The in-process operator on a <see cref="FakeTimeProvider"/>: hours of a job's life pass in moments.</summary>
public sealed class FakeClockTests
{
    private const string Name = "reindex";

    /// <summary>How far the operator's clock moves between two reads of the job.</summary>
    private static readonly TimeSpan ClockStep = TimeSpan.FromMinutes(1);

    [Test]
    [CancelAfter(60_000)]
    public async Task A_job_the_server_never_ends_fails_with_DeadlineExceeded_once_its_deadline_has_passed_on_the_operators_clock(CancellationToken cancellationToken)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // One replica, without the lease: renewing it takes real time, in which the fake clock would let it run out.
        await using var world = await InProcessWorld.StartAsync(
            cancellationToken, settings: new Dictionary<string, string> { ["OperatorRuntime:LeaderElection:Enabled"] = "false" }, timeProvider: clock);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.StuckIn(ReindexJobState.InProgress));
        var spec = InProcessWorld.Spec();
        spec.Polling.FirstInterval = TimeSpan.FromMinutes(1);
        spec.Polling.MaxInterval = TimeSpan.FromMinutes(10);
        spec.Polling.Deadline = TimeSpan.FromHours(2);
        spec.Polling.StallTimeout = TimeSpan.FromHours(3);

        await world.CreateJobAsync(Name, spec, cancellationToken);
        var failed = await Eventually.UntilAsync(
            async token =>
            {
                clock.Advance(ClockStep);
                return await world.GetJobAsync(Name, token);
            },
            job => job.Status?.Phase == ReindexPhase.Failed,
            cancellationToken,
            Timeout.InfiniteTimeSpan,
            TimeSpan.FromMilliseconds(20));

        failed.Condition(ReindexConditions.Failed).Reason.Should().Be(ConditionReasons.DeadlineExceeded);
        failed.Status!.Message.Should().Contain("did not end within its deadline of 2h").And.Contain(failed.Status.JobId);
        (failed.Status.CompletionTime - failed.Status.StartTime).Should().BeGreaterThanOrEqualTo(TimeSpan.FromHours(2));
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        (await world.WaitForEventAsync(Name, EventReasons.Failed, cancellationToken)).Should().Contain(item => item.Type == "Warning" && item.Note.Contains("deadline"));
    }
}
