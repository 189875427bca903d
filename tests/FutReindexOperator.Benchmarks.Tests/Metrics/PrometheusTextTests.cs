using FutReindexOperator.Benchmarks.Metrics;

namespace FutReindexOperator.Benchmarks.Tests.Metrics;

public sealed class PrometheusTextTests
{
    [Test]
    public void Parse_CommentsBlankLinesAndSamples_ReturnsOnlySamples()
    {
        var samples = PrometheusText.Parse("# HELP up Whether up.\n# TYPE up gauge\n\nup 1\nprocess_cpu_seconds_total 3.5e1\n");

        samples.Select(sample => (sample.Name, sample.Value)).Should().Equal(("up", 1d), ("process_cpu_seconds_total", 35d));
    }

    [Test]
    public void Parse_LabelsWithEscapes_UnescapesValues()
    {
        var sample = PrometheusText.Parse("m{a=\"x\\\"y\",b=\"back\\\\slash\",c=\"new\\nline\"} 2").Single();

        sample.Labels.Should().Equal(new Dictionary<string, string> { ["a"] = "x\"y", ["b"] = "back\\slash", ["c"] = "new\nline" });
    }

    [Test]
    public void Parse_InfinityNaNAndTimestamp_ParsesValueIgnoringTimestamp()
    {
        var samples = PrometheusText.Parse("a_bucket{le=\"+Inf\"} +Inf\nb NaN\nc 7 1700000000000\n");

        samples[0].Value.Should().Be(double.PositiveInfinity);
        samples[1].Value.Should().Be(double.NaN);
        samples[2].Value.Should().Be(7);
    }

    [Test]
    public void Parse_ValueMissing_ThrowsQuotingTheLine()
        => FluentActions.Invoking(() => PrometheusText.Parse("broken{a=\"1\"}"))
            .Should().Throw<FormatException>().WithMessage("*broken{a=\"1\"}*value*");

    [Test]
    public void Parse_UnclosedLabelValue_Throws()
        => FluentActions.Invoking(() => PrometheusText.Parse("m{a=\"1} 2"))
            .Should().Throw<FormatException>().WithMessage("*closing quote*");
}
