using FutReindexOperator.Benchmarks.Measuring;

namespace FutReindexOperator.Benchmarks.Tests.Measuring;

public sealed class CountersTests
{
    private static Counters Of(params (string Name, long Value)[] values) => new(values.ToDictionary(value => value.Name, value => value.Value));

    [Test]
    public void Since_EarlierRead_ReturnsOnlyWhatGrew()
    {
        var difference = Of(("get a", 5), ("patch b", 7), ("list c", 1)).Since(Of(("get a", 5), ("patch b", 2)));

        difference.Values.Should().Equal(new Dictionary<string, long> { ["patch b"] = 5, ["list c"] = 1 });
    }

    [Test]
    public void Since_CounterWentDown_ThrowsNamingIt()
        => FluentActions.Invoking(() => Of(("get a", 1)).Since(Of(("get a", 3))))
            .Should().Throw<InvalidOperationException>().WithMessage("*'get a'*reset*");

    [Test]
    public void Without_OwnRequests_SubtractsAndDropsZeros()
    {
        var operatorOnly = Of(("create jobs", 100), ("list jobs", 12), ("watch jobs", 1)).Without(Of(("create jobs", 100), ("list jobs", 10)));

        operatorOnly.Values.Should().Equal(new Dictionary<string, long> { ["list jobs"] = 2, ["watch jobs"] = 1 });
    }

    [Test]
    public void Total_SeveralCounters_AddsThem()
        => Of(("a", 2), ("b", 3)).Total.Should().Be(5);
}
