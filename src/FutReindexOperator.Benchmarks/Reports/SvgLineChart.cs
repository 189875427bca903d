using System.Globalization;
using System.Net;
using System.Text;

namespace FutReindexOperator.Benchmarks.Reports;

/// <summary>
/// A small hand-written SVG line chart: series of (x, y) points over a logarithmic x axis (job counts grow tenfold) and
/// a linear y axis from zero, with optional horizontal target lines. Self-contained (no scripts, no external fonts).
/// </summary>
public static class SvgLineChart
{
    private const int Width = 640;
    private const int Height = 360;
    private const int Left = 70;
    private const int Right = 150;
    private const int Top = 56;
    private const int Bottom = 50;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

    /// <exception cref="ArgumentException">No series has a point, or an x value is not positive (log axis).</exception>
    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartTarget>? targets = null, string? subtitle = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        targets ??= [];
        var points = series.SelectMany(line => line.Points).ToList();
        if (points.Count == 0)
        {
            throw new ArgumentException("A chart needs at least one point.", nameof(series));
        }

        if (points.Any(point => point.X <= 0 || !double.IsFinite(point.Y)))
        {
            throw new ArgumentException("Chart points need a positive x (logarithmic axis) and a finite y.", nameof(series));
        }

        var minX = Math.Log10(points.Min(point => point.X));
        var maxX = Math.Log10(points.Max(point => point.X));
        if (maxX - minX < 1e-9)
        {
            minX -= 0.5;
            maxX += 0.5;
        }

        var maxY = NiceCeiling(Math.Max(points.Max(point => point.Y), targets.Select(target => target.Y).DefaultIfEmpty(0).Max()) * 1.1);
        double PlotX(double x) => Left + ((Math.Log10(x) - minX) / (maxX - minX) * (Width - Left - Right));
        double PlotY(double y) => Height - Bottom - (y / maxY * (Height - Top - Bottom));

        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Append(svg, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        Append(svg, $"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>");
        if (subtitle is not null)
        {
            Append(svg, $"<text x=\"{Width / 2}\" y=\"40\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">{Escape(subtitle)}</text>");
        }

        for (var tick = 0; tick <= 4; tick++)
        {
            var value = maxY * tick / 4;
            var y = PlotY(value);
            Append(svg, $"<line x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Width - Right}\" y2=\"{F(y)}\" stroke=\"#e0e0e0\"/>");
            Append(svg, $"<text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{F(value)}</text>");
        }

        foreach (var x in points.Select(point => point.X).Distinct().Order())
        {
            Append(svg, $"<text x=\"{F(PlotX(x))}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{x.ToString("#,0", CultureInfo.InvariantCulture)}</text>");
        }

        Append(svg, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>");
        Append(svg, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>");
        Append(svg, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">{Escape(xLabel)}</text>");
        Append(svg, $"<text transform=\"translate(18 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Escape(yLabel)}</text>");
        foreach (var target in targets)
        {
            var y = PlotY(target.Y);
            Append(svg, $"<line x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Width - Right}\" y2=\"{F(y)}\" stroke=\"#ff7f0e\" stroke-dasharray=\"6 4\"/>");
            Append(svg, $"<text x=\"{Width - Right + 6}\" y=\"{F(y + 4)}\" fill=\"#ff7f0e\">{Escape(target.Name)}</text>");
        }

        for (var index = 0; index < series.Count; index++)
        {
            var line = series[index];
            var color = Colors[index % Colors.Length];
            var ordered = line.Points.OrderBy(point => point.X).ToList();
            if (ordered.Count > 1)
            {
                Append(svg, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', ordered.Select(point => $"{F(PlotX(point.X))},{F(PlotY(point.Y))}"))}\"/>");
            }

            foreach (var point in ordered)
            {
                Append(svg, $"<circle cx=\"{F(PlotX(point.X))}\" cy=\"{F(PlotY(point.Y))}\" r=\"3.5\" fill=\"{color}\"><title>{Escape(line.Name)}: {F(point.Y)}</title></circle>");
            }

            var legendY = Top + 10 + (index * 18);
            Append(svg, $"<line x1=\"{Width - Right + 6}\" y1=\"{legendY + 40}\" x2=\"{Width - Right + 26}\" y2=\"{legendY + 40}\" stroke=\"{color}\" stroke-width=\"2\"/>");
            Append(svg, $"<text x=\"{Width - Right + 30}\" y=\"{legendY + 44}\">{Escape(line.Name)}</text>");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 times a power of ten that is at least <paramref name="value"/>.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value * (1 - 1e-12))
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static void Append(StringBuilder svg, string element) => svg.Append(element).Append('\n');

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
