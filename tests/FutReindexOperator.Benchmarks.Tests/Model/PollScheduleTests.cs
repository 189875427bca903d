using FutReindexOperator.Benchmarks.Model;
using FutReindexOperator.Model;

namespace FutReindexOperator.Benchmarks.Tests.Model;

public sealed class PollScheduleTests
{
    private static readonly PollingSpec Policy = new() { FirstInterval = TimeSpan.FromMilliseconds(200), MaxInterval = TimeSpan.FromMilliseconds(400), JitterPercent = 20 };

    [Test]
    public void PollTimes_DoublingCappedPolicy_AddsIntervalsWithoutJitter()
        => PollSchedule.PollTimes(Policy, 4).Select(time => time.TotalMilliseconds).Should().Equal(200, 400, 800, 1200);

    [Test]
    public void MinimumPolls_JobOfOneSecond_NeedsTheFirstPollAtOrAfterItsEnd()
        => PollSchedule.MinimumPolls(Policy, TimeSpan.FromSeconds(1)).Should().Be(4);

    [Test]
    public void MinimumPolls_JobEndingExactlyAtAPoll_CountsThatPoll()
        => PollSchedule.MinimumPolls(Policy, TimeSpan.FromMilliseconds(800)).Should().Be(3);

    [Test]
    public void ScriptedDetectionDelay_EndAfterSecondPoll_IsTheGapToTheThirdPoll()
        => PollSchedule.ScriptedDetectionDelay(Policy, 2).Should().Be(TimeSpan.FromMilliseconds(400));

    [Test]
    public void ScriptedDetectionDelay_EndAtThePost_IsTheFirstInterval()
        => PollSchedule.ScriptedDetectionDelay(Policy, 0).Should().Be(TimeSpan.FromMilliseconds(200));

    [Test]
    public void InherentDetectionDelay_JobOfOneSecond_IsTheGapToTheNextPoll()
        => PollSchedule.InherentDetectionDelay(Policy, TimeSpan.FromSeconds(1)).Should().Be(TimeSpan.FromMilliseconds(200));
}
