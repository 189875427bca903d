using FutReindexOperator.Benchmarks.Model;
using FutReindexOperator.Model;

namespace FutReindexOperator.Benchmarks.Tests.Model;

public sealed class DecisionWalkTests
{
    private static readonly PollingSpec Fast = new() { FirstInterval = TimeSpan.FromMilliseconds(200), MaxInterval = TimeSpan.FromMilliseconds(400), JitterPercent = 0 };

    [Test]
    public void HappyPath_TwoProgressAnswers_PostsOnceAndPollsThreeTimes()
    {
        var minimum = DecisionWalk.HappyPath(2, Fast);

        minimum.Posts.Should().Be(1);
        minimum.Polls.Should().Be(3);
    }

    [Test]
    public void HappyPath_AnyPollCount_WritesMarkerJobIdAndOneStatusPerPoll()
    {
        foreach (var progress in new[] { 0, 1, 5 })
        {
            var minimum = DecisionWalk.HappyPath(progress, Fast);

            minimum.StatusWrites.Should().Be(2 + minimum.Polls, $"with {progress} progress answers");
        }
    }

    [Test]
    public void HappyPath_ProgressSeen_EmitsSubmittedRunningAndSucceeded()
        => DecisionWalk.HappyPath(2, Fast).EventReasons.Should().Equal("Submitted", "Running", "Succeeded");

    [Test]
    public void HappyPath_PollPolicy_TakesThePollScheduleToTheOutcome()
        => DecisionWalk.HappyPath(2, Fast).TimeToOutcome.Should().Be(PollSchedule.PollTimes(Fast, 3)[^1]);

    [Test]
    public void ApiRequestsByKey_HappyPath_NamesStatusPatchesAndEventCreatesAsTheApiServerCountsThem()
    {
        var minimum = DecisionWalk.HappyPath(2, Fast);

        minimum.ApiRequestsByKey.Should().Equal(new Dictionary<string, double>
        {
            ["patch reindexjobs.fhir.fut.dk/status"] = minimum.StatusWrites,
            ["create events.events.k8s.io"] = minimum.EventWrites,
        });
    }

    [Test]
    public void HappyPath_NegativeProgressPolls_Throws()
        => FluentActions.Invoking(() => DecisionWalk.HappyPath(-1, Fast)).Should().Throw<ArgumentOutOfRangeException>();
}
