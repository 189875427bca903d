using System.Text.Json.Nodes;
using FutReindexOperator.Benchmarks.Fuzz;

namespace FutReindexOperator.Benchmarks.Tests.Fuzz;

public sealed class StatusChangeCensusTests
{
    [Test]
    public void ChangedMembers_NamesAddedChangedAndRemovedMembersInOrder()
    {
        var before = JsonNode.Parse("""{"polls":1,"phase":"Running","retry":{"count":1}}""")!.AsObject();
        var after = JsonNode.Parse("""{"polls":2,"phase":"Running","lastPollTime":"2026-12-05T00:00:00Z"}""")!.AsObject();

        StatusChangeCensus.ChangedMembers(before, after).Should().Be("lastPollTime+polls+retry");
    }

    [Test]
    public void Observe_CountsEachChangeUnderItsMembersAndSkipsCopiesWithoutAStatusChange()
    {
        var census = new StatusChangeCensus();

        census.Observe("ns/a", null);
        census.Observe("ns/a", JsonNode.Parse("""{"phase":"Pending"}""")!.AsObject());
        census.Observe("ns/a", JsonNode.Parse("""{"phase":"Pending"}""")!.AsObject());
        census.Observe("ns/a", JsonNode.Parse("""{"phase":"Pending","polls":1}""")!.AsObject());
        census.Observe("ns/b", JsonNode.Parse("""{"phase":"Pending"}""")!.AsObject());

        census.Counts.Should().BeEquivalentTo(new Dictionary<string, long> { ["phase"] = 2, ["polls"] = 1 });
    }
}
