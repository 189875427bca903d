using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace FutReindexOperator.Hosting;

/// <summary>
/// A <see cref="RangeAttribute"/> on a setting whose message names the setting's configuration key and the bounds as
/// written here, for example <c>Reindex:Polling:Deadline must be between 00:00:01 and 365.00:00:00.</c>: the bounds
/// and the key are each stated once, so the message cannot drift from what is checked.
/// </summary>
/// <remarks>
/// The key is <see cref="Section"/>, a colon and the property's name (the display name validation gives it).
/// The bounds are shown as written, not as <see cref="RangeAttribute"/> converts them (<c>00:00:00.010</c>, not
/// <c>00:00:00.0100000</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SettingRangeAttribute : RangeAttribute
{
    private readonly string _shownMinimum;
    private readonly string _shownMaximum;

    /// <param name="section">The configuration section that holds the setting, for example <c>Reindex:Polling</c>.</param>
    /// <param name="minimum">The smallest value allowed.</param>
    /// <param name="maximum">The largest value allowed.</param>
    public SettingRangeAttribute(string section, int minimum, int maximum)
        : base(minimum, maximum)
    {
        Section = section;
        _shownMinimum = minimum.ToString(CultureInfo.InvariantCulture);
        _shownMaximum = maximum.ToString(CultureInfo.InvariantCulture);
    }

    /// <param name="section">The configuration section that holds the setting, for example <c>Reindex:Polling</c>.</param>
    /// <param name="type">The setting's type, for example <see cref="TimeSpan"/>.</param>
    /// <param name="minimum">The smallest value allowed, in the invariant culture's form of <paramref name="type"/>.</param>
    /// <param name="maximum">The largest value allowed, in the same form.</param>
    public SettingRangeAttribute(string section, Type type, string minimum, string maximum)
        : base(type, minimum, maximum)
    {
        Section = section;
        _shownMinimum = minimum;
        _shownMaximum = maximum;
    }

    /// <summary>The configuration section that holds the setting.</summary>
    public string Section { get; }

    public override string FormatErrorMessage(string name) => $"{Section}:{name} must be between {_shownMinimum} and {_shownMaximum}.";
}
