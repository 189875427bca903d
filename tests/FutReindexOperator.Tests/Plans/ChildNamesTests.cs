using FutReindexOperator.Plans;

namespace FutReindexOperator.Tests.Plans;

public sealed class ChildNamesTests
{
    [Test]
    public void For_ShortNames_JoinsPlanAndService()
        => ChildNames.For("all", "organization").Should().Be("all-organization");

    [Test]
    public void For_LongNames_AreCutTo63WithAHashOfBoth()
    {
        var plan = new string('p', 60);

        var name = ChildNames.For(plan, "organization");

        name.Should().HaveLength(ChildNames.MaxLength).And.MatchRegex("^p+-[0-9a-f]{8}$");
        ChildNames.For(plan, "organization").Should().Be(name);
        ChildNames.For(plan, "document-query").Should().NotBe(name);
    }

    [Test]
    public void For_CutAtADash_EndsWithoutADoubleDash()
    {
        var name = ChildNames.For(new string('a', 53) + "-b", "services");

        name.Should().NotContain("--").And.HaveLength(ChildNames.MaxLength - 1);
    }
}
