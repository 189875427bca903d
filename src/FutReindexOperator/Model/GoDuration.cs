using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FutReindexOperator.Model;

/// <summary>
/// Durations written the way Kubernetes and Go write them (<c>90s</c>, <c>15m</c>, <c>1h30m</c>, <c>250ms</c>):
/// a sequence of decimal numbers, each with a unit of <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>. Every text of that form
/// has a value: one longer than <see cref="TimeSpan.MaxValue"/> reads as <see cref="TimeSpan.MaxValue"/>, so that an
/// object the API server accepted is always readable and its validation can say which field is too long.
/// </summary>
public static partial class GoDuration
{
    /// <summary>The schema pattern every duration field carries.</summary>
    public const string Pattern = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

    /// <summary>The longest text a duration field accepts (the schema's maxLength); <c>1h30m15s250ms</c> has 13 characters.</summary>
    public const int MaxLength = 32;

    /// <summary>
    /// Parses <paramref name="text"/>; returns false (and zero) when it is not a duration of the form above. A duration
    /// beyond <see cref="TimeSpan.MaxValue"/> saturates to it.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !FullPattern().IsMatch(text))
        {
            return false;
        }

        var total = 0d;
        foreach (Match part in PartPattern().Matches(text))
        {
            var value = double.Parse(part.Groups["value"].Value, CultureInfo.InvariantCulture);
            total += part.Groups["unit"].Value switch
            {
                "h" => value * 3_600_000,
                "m" => value * 60_000,
                "s" => value * 1_000,
                _ => value,
            };
        }

        // Compared as ticks in double: long.MaxValue rounds up to 2^63, so every smaller value converts exactly enough.
        var ticks = total * TimeSpan.TicksPerMillisecond;
        duration = ticks < long.MaxValue ? TimeSpan.FromTicks((long)ticks) : TimeSpan.MaxValue;
        return true;
    }

    /// <summary>Writes <paramref name="duration"/> in the shortest form of whole hours, minutes, seconds and milliseconds.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        var hours = (long)duration.TotalHours;
        Append(text, hours, "h");
        Append(text, duration.Minutes, "m");
        Append(text, duration.Seconds, "s");
        // Milliseconds with their fraction: a duration under a millisecond (0.5ms) must not be written as nothing.
        var subSecond = duration.Ticks % TimeSpan.TicksPerSecond;
        if (subSecond > 0)
        {
            text.Append((subSecond / (double)TimeSpan.TicksPerMillisecond).ToString("0.####", CultureInfo.InvariantCulture)).Append("ms");
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, long value, string unit)
    {
        if (value > 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex FullPattern();

    [GeneratedRegex("(?<value>[0-9]+(\\.[0-9]+)?)(?<unit>ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();
}
