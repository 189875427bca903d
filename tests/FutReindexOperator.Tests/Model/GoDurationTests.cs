using FutReindexOperator.Model;

namespace FutReindexOperator.Tests.Model;

public sealed class GoDurationTests
{
    [TestCase("15s", 15_000)]
    [TestCase("1m", 60_000)]
    [TestCase("1h30m", 5_400_000)]
    [TestCase("250ms", 250)]
    [TestCase("1.5h", 5_400_000)]
    public void TryParse_KubernetesDuration_ReturnsItsLength(string text, long milliseconds)
    {
        GoDuration.TryParse(text, out var duration).Should().BeTrue();

        duration.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [TestCase("")]
    [TestCase("15")]
    [TestCase("PT15S")]
    [TestCase("1d")]
    [TestCase("-5s")]
    public void TryParse_NotADuration_ReturnsFalse(string text)
    {
        GoDuration.TryParse(text, out _).Should().BeFalse();
    }

    [TestCase(15_000, "15s")]
    [TestCase(5_400_000, "1h30m")]
    [TestCase(259_200_000, "72h")]
    [TestCase(1_250, "1s250ms")]
    [TestCase(0, "0s")]
    public void Format_Duration_WritesTheShortestForm(long milliseconds, string text)
    {
        GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(text);
    }

    [TestCase("0.5ms")]
    [TestCase("1s0.25ms")]
    public void Format_DurationWithAFractionOfAMillisecond_IsWrittenSoThatItReadsBack(string text)
    {
        // Shrunk from Jobs_whose_base_paths_resolve_to_the_same_FHIR_base_share_the_per_target_limit: 0.5ms was written
        // as the empty string, which is no duration, so a job carrying it could not be read back.
        GoDuration.TryParse(text, out var duration).Should().BeTrue();

        GoDuration.TryParse(GoDuration.Format(duration), out var again).Should().BeTrue();
        again.Should().Be(duration);
    }

    [TestCase("9999999999h")]
    [TestCase("256204779h")]
    [TestCase("99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999h")]
    public void TryParse_BeyondTheLongestTimeSpan_ReadsAsTheLongestInsteadOfFailing(string text)
    {
        GoDuration.TryParse(text, out var duration).Should().BeTrue();

        duration.Should().Be(TimeSpan.MaxValue);
    }

    [Test]
    public void TryParse_JustBelowTheLongestTimeSpan_KeepsItsLength()
    {
        GoDuration.TryParse("256204778h", out var duration).Should().BeTrue();

        duration.Should().Be(TimeSpan.FromHours(256204778));
    }
}
