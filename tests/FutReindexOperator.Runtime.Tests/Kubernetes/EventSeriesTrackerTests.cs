using FutReindexOperator.Runtime.Kubernetes;

namespace FutReindexOperator.Runtime.Tests.Kubernetes;

public sealed class EventSeriesTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly EventIdentity Failed = new("uid-1", "ns", "a", "Widget", EventSeverity.Warning, "Failed", "Submit", "remote said no");

    private EventSeriesTracker _tracker = null!;

    [SetUp]
    public void SetUp() => _tracker = new EventSeriesTracker();

    [Test]
    public void Observe_FirstSighting_AsksForANewEvent()
    {
        var occurrence = _tracker.Observe(Failed, Start);

        occurrence.EventName.Should().BeNull();
        occurrence.Count.Should().Be(1);
    }

    [Test]
    public void Observe_RepeatWithinWindow_CountsTowardsStoredEvent()
    {
        _tracker.Observe(Failed, Start);
        _tracker.Stored(Failed, "a.1");

        var occurrence = _tracker.Observe(Failed, Start + TimeSpan.FromMinutes(5));

        occurrence.EventName.Should().Be("a.1");
        occurrence.Count.Should().Be(2);
        occurrence.LastObserved.Should().Be(Start + TimeSpan.FromMinutes(5));
    }

    [Test]
    public void Observe_RepeatAfterWindow_StartsAFreshSeries()
    {
        _tracker.Observe(Failed, Start);
        _tracker.Stored(Failed, "a.1");

        var occurrence = _tracker.Observe(Failed, Start + EventSeriesTracker.SeriesWindow + TimeSpan.FromSeconds(1));

        occurrence.EventName.Should().BeNull();
        occurrence.Count.Should().Be(1);
    }

    [Test]
    public void Observe_DifferentNote_IsADifferentEvent()
    {
        _tracker.Observe(Failed, Start);
        _tracker.Stored(Failed, "a.1");

        var occurrence = _tracker.Observe(Failed with { Note = "remote said maybe" }, Start);

        occurrence.EventName.Should().BeNull();
        occurrence.Count.Should().Be(1);
    }

    [Test]
    public void Observe_AfterWindowAndASweepInterval_ForgetsExpiredSeries()
    {
        foreach (var index in Enumerable.Range(0, 100))
        {
            _tracker.Observe(Failed with { Name = $"job-{index}" }, Start);
        }

        _tracker.Observe(Failed, Start + EventSeriesTracker.SeriesWindow + EventSeriesTracker.SweepInterval);

        _tracker.Count.Should().Be(1);
    }

    [Test]
    public void Observe_WithinASweepInterval_DoesNotScanAgainButStillExpiresTheSeries()
    {
        _tracker.Observe(Failed, Start);
        _tracker.Stored(Failed, "a.1");
        _tracker.Observe(Failed with { Name = "other" }, Start + EventSeriesTracker.SeriesWindow);

        var occurrence = _tracker.Observe(Failed, Start + EventSeriesTracker.SeriesWindow + TimeSpan.FromSeconds(1));

        occurrence.EventName.Should().BeNull("the series expired even though no sweep has run since");
        occurrence.Count.Should().Be(1);
    }
}
