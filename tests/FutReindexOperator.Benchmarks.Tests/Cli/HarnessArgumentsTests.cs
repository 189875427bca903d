using FutReindexOperator.Benchmarks.Cli;

namespace FutReindexOperator.Benchmarks.Tests.Cli;

public sealed class HarnessArgumentsTests
{
    [Test]
    public void Parse_CommandOptionsAndRest_SplitsThem()
    {
        var arguments = HarnessArguments.Parse(["bench", "--jobs", "100,1_000,10000", "--oauth2", "--label", "smoke", "--", "--filter", "*"]);

        arguments.Command.Should().Be("bench");
        arguments.WholeNumbers("jobs", []).Should().Equal(100, 1000, 10_000);
        arguments.Flag("oauth2").Should().BeTrue();
        arguments.Text("label", "x").Should().Be("smoke");
        arguments.Rest.Should().Equal("--filter", "*");
    }

    [Test]
    public void WholeNumber_Absent_ReturnsFallback()
        => HarnessArguments.Parse(["chaos"]).WholeNumber("kills", 5).Should().Be(5);

    [Test]
    public void WholeNumber_OutOfRange_ThrowsNamingTheOption()
        => FluentActions.Invoking(() => HarnessArguments.Parse(["chaos", "--replicas", "3"]).WholeNumber("replicas", 2, 1, 2))
            .Should().Throw<ArgumentException>().WithMessage("--replicas expects an integer from 1 to 2, not '3'.");

    [Test]
    public void Number_NotPositive_ThrowsNamingTheOption()
        => FluentActions.Invoking(() => HarnessArguments.Parse(["chaos", "--window-seconds", "-1"]).Number("window-seconds", 60))
            .Should().Throw<ArgumentException>().WithMessage("--window-seconds expects a positive number*");

    [Test]
    public void Parse_NoCommand_Throws()
        => FluentActions.Invoking(() => HarnessArguments.Parse(["--jobs", "1"])).Should().Throw<ArgumentException>().WithMessage("*command*");

    [Test]
    public void Parse_BareWord_ThrowsNamingIt()
        => FluentActions.Invoking(() => HarnessArguments.Parse(["bench", "100"])).Should().Throw<ArgumentException>().WithMessage("*'100'*");
}
