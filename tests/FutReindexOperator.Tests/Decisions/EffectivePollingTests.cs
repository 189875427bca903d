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
}
