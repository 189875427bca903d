using System.ComponentModel;
using System.Globalization;
using FutReindexOperator.Model;

namespace FutReindexOperator.Hosting;

/// <summary>
/// Reads configuration values of type <see cref="TimeSpan"/> written as the CRD writes durations (<c>72h</c>,
/// <c>1h30m</c>, <c>250ms</c>) or in TimeSpan's own form (<c>3.00:00:00</c>), so that an administrator can copy a value
/// from a ReindexJob into the operator's configuration. Anything else fails with a message that says both forms.
/// </summary>
internal sealed class DurationConverter : TimeSpanConverter
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Makes this the converter the configuration binder uses for <see cref="TimeSpan"/> (once per process).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(DurationConverter)));
                _registered = true;
            }
        }
    }

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string text)
        {
            return base.ConvertFrom(context, culture, value);
        }

        var trimmed = text.Trim();
        if (GoDuration.TryParse(trimmed, out var duration))
        {
            return duration;
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration)
            ? duration
            : throw new FormatException($"'{Shorten(trimmed)}' is not a duration: write it as the CRD does (72h, 90m, 1h30m, 250ms) or as a TimeSpan (3.00:00:00).");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
