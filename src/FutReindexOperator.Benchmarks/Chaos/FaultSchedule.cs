namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>
/// A seeded, repeatable plan of faults over a time window: <c>kills</c> operator kills at random moments, one leader
/// kill when two replicas run, and every other fault kind <c>rounds</c> times. The same seed gives the same plan.
/// </summary>
public static class FaultSchedule
{
    private static readonly FaultKind[] Injected =
    [
        FaultKind.DropWatches, FaultKind.ApiInternalError, FaultKind.ApiTooManyRequests, FaultKind.ApiConflict,
        FaultKind.Envoy503, FaultKind.Envoy504, FaultKind.EnvoyReset, FaultKind.EnvoyLatency, FaultKind.TokenOutage,
    ];

    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the window is not positive.</exception>
    public static IReadOnlyList<ScheduledFault> Create(int seed, TimeSpan window, int kills, bool leaderElection, int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(kills);
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        var random = new Random(seed);
        TimeSpan Moment() => window * random.NextDouble();
        var faults = new List<ScheduledFault>();
        for (var kill = 0; kill < kills; kill++)
        {
            faults.Add(new ScheduledFault(Moment(), FaultKind.KillOperator));
        }

        if (leaderElection)
        {
            faults.Add(new ScheduledFault(Moment(), FaultKind.KillLeader));
        }

        for (var round = 0; round < rounds; round++)
        {
            faults.AddRange(Injected.Select(kind => new ScheduledFault(Moment(), kind)));
        }

        return [.. faults.OrderBy(fault => fault.At).ThenBy(fault => fault.Kind)];
    }
}
