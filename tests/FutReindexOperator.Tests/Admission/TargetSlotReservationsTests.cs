using FutReindexOperator.Admission;

namespace FutReindexOperator.Tests.Admission;

public sealed class TargetSlotReservationsTests
{
    private const string Target = "fut/organization/fhir";

    [Test]
    public void TryReserve_FreshSnapshot_ReservesTheSlot()
    {
        var reservations = new TargetSlotReservations();

        var admitted = reservations.TryReserve(reservations.Snapshot(Target), "fut/first", "7");

        admitted.Should().BeTrue();
        reservations.Snapshot(Target).Reserved.Should().Equal("fut/first");
    }

    [Test]
    public void TryReserve_AnotherJobAdmittedSinceTheSnapshot_Fails()
    {
        var reservations = new TargetSlotReservations();
        var seen = reservations.Snapshot(Target);
        reservations.TryReserve(reservations.Snapshot(Target), "fut/first", "7");

        reservations.TryReserve(seen, "fut/second", "7").Should().BeFalse();
    }

    [Test]
    public void TryReserve_OtherTargetChangedSinceTheSnapshot_Succeeds()
    {
        var reservations = new TargetSlotReservations();
        var seen = reservations.Snapshot(Target);
        reservations.TryReserve(reservations.Snapshot("fut/careplan/fhir"), "fut/careplan", "7");

        reservations.TryReserve(seen, "fut/second", "7").Should().BeTrue();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task TryReserve_ConcurrentWorkersAdmittingWhileASlotLooksFree_NeverExceedTheLimit(CancellationToken cancellationToken)
    {
        const int limit = 2;
        const int workers = 16;
        var reservations = new TargetSlotReservations();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each worker decides as the decider would (admit while fewer than the limit are reserved by others), and
        // decides again whenever its snapshot went out of date.
        var workersAdmitted = Enumerable.Range(0, workers).Select(async worker =>
        {
            var key = $"fut/job-{worker}";
            await start.Task.WaitAsync(cancellationToken);
            while (true)
            {
                var seen = reservations.Snapshot(Target);
                if (seen.Reserved.Count(other => other != key) >= limit)
                {
                    return false;
                }

                if (reservations.TryReserve(seen, key, "1"))
                {
                    return true;
                }
            }
        }).ToList();
        start.SetResult();
        var admitted = await Task.WhenAll(workersAdmitted);

        admitted.Count(isAdmitted => isAdmitted).Should().Be(limit);
        reservations.Snapshot(Target).Reserved.Should().HaveCount(limit);
    }

    [Test]
    public void Release_ReservedJob_FreesItsSlot()
    {
        var reservations = new TargetSlotReservations();
        reservations.TryReserve(reservations.Snapshot(Target), "fut/first", "7");

        reservations.Release(Target, "fut/first");

        reservations.Snapshot(Target).Reserved.Should().BeEmpty();
    }

    [Test]
    public void ReleaseSeen_CacheStillShowsTheAdmittedVersion_KeepsTheReservation()
    {
        var reservations = new TargetSlotReservations();
        reservations.TryReserve(reservations.Snapshot(Target), "fut/first", "7");

        reservations.ReleaseSeen(Target, new Dictionary<string, string?> { ["fut/first"] = "7" });

        reservations.Snapshot(Target).Reserved.Should().Equal("fut/first");
    }

    [Test]
    public void ReleaseSeen_CacheShowsALaterVersion_ReleasesTheReservation()
    {
        var reservations = new TargetSlotReservations();
        reservations.TryReserve(reservations.Snapshot(Target), "fut/first", "7");

        reservations.ReleaseSeen(Target, new Dictionary<string, string?> { ["fut/first"] = "8" });

        reservations.Snapshot(Target).Reserved.Should().BeEmpty();
    }

    [Test]
    public void ReleaseSeen_JobGoneFromTheCache_ReleasesTheReservation()
    {
        var reservations = new TargetSlotReservations();
        reservations.TryReserve(reservations.Snapshot(Target), "fut/first", "7");

        reservations.ReleaseSeen(Target, new Dictionary<string, string?>());

        reservations.Snapshot(Target).Reserved.Should().BeEmpty();
    }
}
