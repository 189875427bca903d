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

    [Test]
    public void RefuseUnread_MisspeltOption_ThrowsNamingIt()
    {
        var arguments = HarnessArguments.Parse(["fuzz", "--job", "10", "--seed", "3"]);
        arguments.WholeNumber("jobs", 2000);
        arguments.WholeNumber("seed", 1);

        FluentActions.Invoking(arguments.RefuseUnread).Should().Throw<ArgumentException>().WithMessage("'fuzz' does not take --job.");
    }

    [Test]
    public void RefuseUnread_EveryOptionRead_DoesNotThrow()
    {
        var arguments = HarnessArguments.Parse(["fuzz", "--jobs", "10"]);
        arguments.WholeNumber("jobs", 2000);

        FluentActions.Invoking(arguments.RefuseUnread).Should().NotThrow();
    }

    [TestCase("fuzz", "--help")]
    [TestCase("chaos", "-h")]
    [TestCase("--help")]
    public void WantsHelp_HelpGiven_IsTrue(params string[] args)
        => HarnessArguments.Parse(args).WantsHelp.Should().BeTrue();

    [Test]
    public async Task RunAsync_FuzzWithHelp_PrintsUsageWithoutRunning()
    {
        using var output = new StringWriter();

        var exit = await Commands.RunAsync(HarnessArguments.Parse(["fuzz", "--help"]), output, CancellationToken.None);

        exit.Should().Be(0);
        output.ToString().Should().StartWith("Usage").And.NotContain("fuzz: seed");
    }

    [Test]
    public async Task RunAsync_FuzzWithUnknownOption_RefusesBeforeRunning()
    {
        using var output = new StringWriter();

        await FluentActions.Awaiting(() => Commands.RunAsync(HarnessArguments.Parse(["fuzz", "--jbos", "10"]), output, CancellationToken.None))
            .Should().ThrowAsync<ArgumentException>().WithMessage("'fuzz' does not take --jbos.");
        output.ToString().Should().BeEmpty();
    }
}
