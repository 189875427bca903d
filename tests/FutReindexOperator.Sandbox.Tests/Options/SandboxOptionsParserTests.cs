using FutReindexOperator.Sandbox.Options;

namespace FutReindexOperator.Sandbox.Tests.Options;

public sealed class SandboxOptionsParserTests
{
    [Test]
    public void Parse_NoArguments_GivesTheDefaults()
    {
        var options = SandboxOptionsParser.Parse([]).Options!;

        options.Should().BeEquivalentTo(new SandboxOptions
        {
            ExtraJobs = 0,
            Speed = SimulatedSpeed.Fast,
            Faults = FaultProfile.None,
            Keep = false,
            Timeout = TimeSpan.FromMinutes(2),
        });
    }

    [Test]
    public void Parse_EveryOption_SetsIt()
    {
        var options = SandboxOptionsParser.Parse(["--jobs", "12", "--speed", "normal", "--faults", "chaos", "--timeout", "90s", "--keep"]).Options!;

        options.ExtraJobs.Should().Be(12);
        options.Speed.Should().Be(SimulatedSpeed.Normal);
        options.Faults.Should().Be(FaultProfile.Chaos);
        options.Timeout.Should().Be(TimeSpan.FromSeconds(90));
        options.Keep.Should().BeTrue();
    }

    [Test]
    public void Parse_NameEqualsValue_IsAccepted()
    {
        var options = SandboxOptionsParser.Parse(["--jobs=3", "--faults=flaky"]).Options!;

        options.ExtraJobs.Should().Be(3);
        options.Faults.Should().Be(FaultProfile.Flaky);
    }

    [Test]
    public void Parse_SpeedAsDuration_SetsTheInProgressTime()
    {
        var speed = SandboxOptionsParser.Parse(["--speed", "4s"]).Options!.Speed;

        speed.InProgressFor.Should().Be(TimeSpan.FromSeconds(4));
        speed.QueuedFor.Should().Be(TimeSpan.FromSeconds(1));
        speed.FinalizeFor.Should().Be(TimeSpan.FromSeconds(1));
    }

    [TestCase("--jobs", "many", "--jobs: expected a whole number from 0 to 500, not 'many'")]
    [TestCase("--jobs", "-1", "--jobs: expected a whole number from 0 to 500, not '-1'")]
    [TestCase("--jobs", "501", "--jobs: expected a whole number from 0 to 500, not '501'")]
    [TestCase("--speed", "slow", "--speed: expected fast, normal or a duration such as 5s or 1500ms (at most 1h), not 'slow'")]
    [TestCase("--faults", "some", "--faults: expected none, flaky or chaos, not 'some'")]
    [TestCase("--timeout", "soon", "--timeout: expected a duration of at least 1s such as 90s or 5m, not 'soon'")]
    public void Parse_BadValue_NamesTheOptionAndWhatItExpects(string name, string value, string error)
    {
        var result = SandboxOptionsParser.Parse([name, value]);

        result.Options.Should().BeNull();
        result.Error.Should().Be(error);
    }

    [Test]
    public void Parse_MissingValue_IsAnError()
    {
        SandboxOptionsParser.Parse(["--jobs"]).Error.Should().Be("--jobs: expected a whole number from 0 to 500, not ''");
    }

    [Test]
    public void Parse_UnknownOption_IsAnError()
    {
        SandboxOptionsParser.Parse(["--fast"]).Error.Should().Be("unknown option '--fast'; see --help");
    }

    [Test]
    public void Parse_Help_AsksForTheUsage()
    {
        SandboxOptionsParser.Parse(["--help"]).Options!.ShowHelp.Should().BeTrue();
    }
}
