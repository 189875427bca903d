using FutReindexOperator.Decisions;
using FutReindexOperator.Model;

namespace FutReindexOperator.Benchmarks.Model;

/// <summary>The poll times of a poll policy without jitter, and what follows from them for a job of known duration.</summary>
public static class PollSchedule
{
    /// <summary>
    /// The times, after the POST was accepted, at which polls 1..<paramref name="count"/> go out:
    /// the operator's <see cref="Delays.PollInterval"/> with the jitter sample at 0, fields the spec leaves out taken
    /// from the operator's default <see cref="PollingDefaults"/> (the harness does not configure <c>Reindex:Polling</c>).
    /// </summary>
    public static IReadOnlyList<TimeSpan> PollTimes(PollingSpec polling, int count)
    {
        ArgumentNullException.ThrowIfNull(polling);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var effective = EffectivePolling.Resolve(polling, new PollingDefaults());
        var times = new List<TimeSpan>(count);
        var time = TimeSpan.Zero;
        for (var done = 0; done < count; done++)
        {
            time += Delays.PollInterval(effective, done, 0);
            times.Add(time);
        }

        return times;
    }

    /// <summary>The fewest polls that see a job ended which runs for <paramref name="jobDuration"/> after its POST.</summary>
    public static int MinimumPolls(PollingSpec polling, TimeSpan jobDuration)
    {
        ArgumentNullException.ThrowIfNull(polling);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobDuration, TimeSpan.Zero);
        var polls = 1;
        while (PollTimes(polling, polls)[^1] < jobDuration)
        {
            polls++;
        }

        return polls;
    }

    /// <summary>
    /// For a job scripted by polls (it ends right after answering poll <paramref name="progressPolls"/>, or at its POST
    /// when 0): the wait until the next poll sees the end — the poll policy's own share of completion detection.
    /// </summary>
    public static TimeSpan ScriptedDetectionDelay(PollingSpec polling, int progressPolls)
    {
        var times = PollTimes(polling, progressPolls + 1);
        return times[^1] - (progressPolls > 0 ? times[^2] : TimeSpan.Zero);
    }

    /// <summary>The time between the job ending and the first poll that can see it: the delay the poll policy itself causes.</summary>
    public static TimeSpan InherentDetectionDelay(PollingSpec polling, TimeSpan jobDuration)
        => PollTimes(polling, MinimumPolls(polling, jobDuration))[^1] - jobDuration;
}
