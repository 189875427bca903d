using System.ComponentModel.DataAnnotations;
using FutReindexOperator.Hosting;

namespace FutReindexOperator.Tests.Hosting;

public sealed class SettingRangeAttributeTests
{
    [Test]
    public void Validate_DurationOutsideTheBounds_NamesTheKeyAndTheBoundsAsWritten()
    {
        Errors(new Settings { Wait = TimeSpan.FromDays(2) })
            .Should().Equal("Section:Part:Wait must be between 00:00:00.010 and 1.00:00:00.");
    }

    [Test]
    public void Validate_NumberOutsideTheBounds_NamesTheKeyAndTheBounds()
    {
        Errors(new Settings { Count = 0 }).Should().Equal("Section:Part:Count must be between 1 and 100.");
    }

    [TestCase(10)]
    [TestCase(86_400_000)]
    public void Validate_DurationOnABound_IsValid(int milliseconds)
    {
        Errors(new Settings { Wait = TimeSpan.FromMilliseconds(milliseconds) }).Should().BeEmpty();
    }

    private static List<string?> Errors(Settings settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        return [.. results.Select(result => result.ErrorMessage)];
    }

    private sealed class Settings
    {
        [SettingRange("Section:Part", typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
        public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(1);

        [SettingRange("Section:Part", 1, 100)]
        public int Count { get; init; } = 1;
    }
}
