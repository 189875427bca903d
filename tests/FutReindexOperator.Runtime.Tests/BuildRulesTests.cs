namespace FutReindexOperator.Runtime.Tests;

public sealed class BuildRulesTests
{
    [Test]
    public void Build_WithAnalyzers_CompilesTestNamesWithUnderscores()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        clock.Advance(TimeSpan.FromSeconds(1));
        clock.GetUtcNow().Should().BeAfter(DateTimeOffset.UnixEpoch);
    }
}
