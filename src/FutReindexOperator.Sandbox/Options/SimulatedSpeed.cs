using FutReindexOperator.Model;

namespace FutReindexOperator.Sandbox.Options;

/// <summary>How long the simulated HAPI jobs take, and how often the sandbox's generated jobs poll them.</summary>
/// <param name="Name">How the speed was asked for (<c>fast</c>, <c>normal</c> or a duration).</param>
/// <param name="QueuedFor">Time in QUEUED.</param>
/// <param name="InProgressFor">Time in IN_PROGRESS.</param>
/// <param name="FinalizeFor">Time in FINALIZE.</param>
/// <param name="MaintenanceInterval">HAPI's batch maintenance period in the simulator (jobs move on its passes).</param>
/// <param name="PollInterval">The first poll interval of generated jobs (the samples keep their own).</param>
public sealed record SimulatedSpeed(
    string Name, TimeSpan QueuedFor, TimeSpan InProgressFor, TimeSpan FinalizeFor, TimeSpan MaintenanceInterval, TimeSpan PollInterval)
{
    /// <summary>Jobs take about 3 seconds.</summary>
    public static SimulatedSpeed Fast { get; } = new(
        "fast", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));

    /// <summary>Jobs take about 14 seconds.</summary>
    public static SimulatedSpeed Normal { get; } = new(
        "normal", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3));

    /// <summary>Total time a job takes on the simulated server.</summary>
    public TimeSpan JobDuration => QueuedFor + InProgressFor + FinalizeFor;

    /// <summary>
    /// <c>fast</c>, <c>normal</c>, or a Go-style duration (<c>5s</c>, <c>1500ms</c>) for the IN_PROGRESS time (QUEUED
    /// and FINALIZE take a quarter of it each); null when <paramref name="text"/> is none of these.
    /// </summary>
    public static SimulatedSpeed? Parse(string text) => text switch
    {
        "fast" => Fast,
        "normal" => Normal,
        _ when GoDuration.TryParse(text, out var inProgress) && inProgress > TimeSpan.Zero && inProgress <= TimeSpan.FromHours(1) => new(
            text,
            inProgress / 4,
            inProgress,
            inProgress / 4,
            TimeSpan.FromMilliseconds(Math.Clamp(inProgress.TotalMilliseconds / 8, 50, 1000)),
            TimeSpan.FromMilliseconds(Math.Clamp(inProgress.TotalMilliseconds / 2, 250, 30_000))),
        _ => null,
    };
}
