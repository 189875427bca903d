namespace FutReindexOperator.Benchmarks.Reports;

/// <summary>One line of a chart.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>A point of a chart line.</summary>
public sealed record ChartPoint(double X, double Y);

/// <summary>A horizontal target line (for example "96 MiB target").</summary>
public sealed record ChartTarget(string Name, double Y);
