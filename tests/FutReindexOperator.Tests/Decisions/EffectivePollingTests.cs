using FutReindexOperator.Decisions;
using FutReindexOperator.Model;

namespace FutReindexOperator.Tests.Decisions;

public sealed class EffectivePollingTests
{
    private static readonly PollingDefaults Defaults = new()
    {
        FirstInterval = TimeSpan.FromSeconds(20),
        MaxInterval = TimeSpan.FromMinutes(2),
        Deadline = TimeSpan.FromHours(24),
        StallTimeout = TimeSpan.FromHours(6),
        ErrorGracePeriod = TimeSpan.FromMinutes(10),
    };

    [Test]
    public void Resolve_AbsentFields_TakeTheOperatorsDefaults()
    {
        var polling = EffectivePolling.Resolve(new PollingSpec(), Defaults);

        polling.Should().Be(new EffectivePolling(TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(2), 20, TimeSpan.FromHours(24), TimeSpan.FromHours(6), TimeSpan.FromMinutes(10)));
    }

    [Test]
    public void Resolve_PresentFields_KeepTheSpecsValues()
    {
        var spec = new PollingSpec
        {
            FirstInterval = TimeSpan.FromSeconds(5),
            MaxInterval = TimeSpan.FromSeconds(30),
            JitterPercent = 0,
            Deadline = TimeSpan.FromHours(1),
            StallTimeout = TimeSpan.FromMinutes(30),
            ErrorGracePeriod = TimeSpan.Zero,
        };

        var polling = EffectivePolling.Resolve(spec, Defaults);

        polling.Should().Be(new EffectivePolling(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), 0, TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), TimeSpan.Zero));
    }

    [Test]
    public void Resolve_SomeFieldsPresent_MixesSpecAndDefaults()
    {
        var polling = EffectivePolling.Resolve(new PollingSpec { StallTimeout = TimeSpan.FromHours(12) }, Defaults);

        (polling.StallTimeout, polling.Deadline).Should().Be((TimeSpan.FromHours(12), TimeSpan.FromHours(24)));
    }

    [Test]
    public void Resolve_ValuesBeyondTheLimits_AreCutToThem()
    {
        var spec = new PollingSpec
        {
            FirstInterval = TimeSpan.FromHours(100_000_000),
            MaxInterval = TimeSpan.MaxValue,
            Deadline = TimeSpan.MaxValue,
            StallTimeout = TimeSpan.MaxValue,
            ErrorGracePeriod = TimeSpan.MaxValue,
        };

        var polling = EffectivePolling.Resolve(spec, Defaults);

        polling.Should().Be(new EffectivePolling(PollingSpec.LongestInterval, PollingSpec.LongestInterval, 20, PollingSpec.LongestDeadline, PollingSpec.LongestDeadline, PollingSpec.LongestInterval));
    }

    [Test]
    public void Resolve_ZeroInterval_PollsNoFasterThanTheShortestInterval()
    {
        var polling = EffectivePolling.Resolve(new PollingSpec { FirstInterval = TimeSpan.Zero, MaxInterval = TimeSpan.Zero }, Defaults);

        (polling.FirstInterval, polling.MaxInterval).Should().Be((PollingSpec.ShortestInterval, PollingSpec.ShortestInterval));
    }
}
