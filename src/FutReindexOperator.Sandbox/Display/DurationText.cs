using System.Globalization;

namespace FutReindexOperator.Sandbox.Display;

/// <summary>Short elapsed times: <c>4.2s</c> under a minute, <c>3m07s</c> above.</summary>
public static class DurationText
{
    public static string Format(TimeSpan duration) =>
        duration < TimeSpan.FromMinutes(1)
            ? Math.Max(0, duration.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + "s"
            : string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m{duration.Seconds:00}s");
}
