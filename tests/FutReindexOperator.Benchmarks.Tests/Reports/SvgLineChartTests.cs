using System.Xml.Linq;
using FutReindexOperator.Benchmarks.Reports;

namespace FutReindexOperator.Benchmarks.Tests.Reports;

public sealed class SvgLineChartTests
{
    private static readonly ChartSeries Rss = new("peak RSS", [new(100, 70), new(1000, 90), new(10_000, 180)]);

    [Test]
    public void Render_Series_IsWellFormedSvgWithALineAndAPointEach()
    {
        var svg = XDocument.Parse(SvgLineChart.Render("RSS <N>", "jobs", "MiB", [Rss]));
        XNamespace ns = "http://www.w3.org/2000/svg";

        svg.Root!.Name.Should().Be(ns + "svg");
        svg.Descendants(ns + "polyline").Should().ContainSingle();
        svg.Descendants(ns + "circle").Should().HaveCount(3);
        svg.Descendants(ns + "text").Select(text => text.Value).Should().Contain("RSS <N>").And.Contain("10,000");
    }

    [Test]
    public void Render_Target_DrawsADashedLineWithItsName()
    {
        var svg = SvgLineChart.Render("RSS", "jobs", "MiB", [Rss], [new ChartTarget("256 MiB peak", 256)]);

        svg.Should().Contain("stroke-dasharray").And.Contain("256 MiB peak");
    }

    [Test]
    public void Render_Subtitle_IsWrittenUnderTheTitle()
        => SvgLineChart.Render("RSS", "jobs", "MiB", [Rss], subtitle: "smoke run & more").Should().Contain(">smoke run &amp; more</text>");

    [Test]
    public void Render_NonPositiveX_Throws()
        => FluentActions.Invoking(() => SvgLineChart.Render("t", "x", "y", [new ChartSeries("s", [new(0, 1)])]))
            .Should().Throw<ArgumentException>().WithMessage("*positive x*");

    [Test]
    public void Render_NoPoints_Throws()
        => FluentActions.Invoking(() => SvgLineChart.Render("t", "x", "y", [new ChartSeries("s", [])]))
            .Should().Throw<ArgumentException>();

    [TestCase(0.7, 1)]
    [TestCase(3, 5)]
    [TestCase(180, 200)]
    [TestCase(230, 250)]
    [TestCase(2500, 2500)]
    public void NiceCeiling_Value_RoundsUpToOneTwoTwoAndAHalfOrFive(double value, double expected)
        => SvgLineChart.NiceCeiling(value).Should().BeApproximately(expected, 1e-9);
}
